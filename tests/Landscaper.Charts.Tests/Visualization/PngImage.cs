using System.Buffers.Binary;
using System.IO.Compression;

namespace Landscaper.Tests.Visualization;

/// <summary>A minimal PNG decoder for tests: 8-bit greyscale, RGB, grey+alpha and RGBA, non-interlaced.</summary>
public sealed class PngImage
{
    private static readonly byte[] Signature = [137, 80, 78, 71, 13, 10, 26, 10];
    private readonly byte[] _rgba;

    private PngImage(int width, int height, byte[] rgba) { Width = width; Height = height; _rgba = rgba; }

    public int Width { get; }
    public int Height { get; }

    /// <summary>RGBA of pixel (x, y), origin top-left.</summary>
    public (byte R, byte G, byte B, byte A) this[int x, int y]
    {
        get { int o = (y * Width + x) * 4; return (_rgba[o], _rgba[o + 1], _rgba[o + 2], _rgba[o + 3]); }
    }

    public static PngImage Decode(ReadOnlySpan<byte> png)
    {
        if (png.Length < 8 || !png[..8].SequenceEqual(Signature)) throw new InvalidDataException("Not a PNG file (bad signature).");
        int pos = 8, width = 0, height = 0, colorType = -1;
        using var idat = new MemoryStream();
        while (pos + 8 <= png.Length)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(png[pos..]);
            string type = System.Text.Encoding.ASCII.GetString(png.Slice(pos + 4, 4));
            var data = png.Slice(pos + 8, length);
            switch (type)
            {
                case "IHDR":
                    width = BinaryPrimitives.ReadInt32BigEndian(data);
                    height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                    int bitDepth = data[8];
                    colorType = data[9];
                    if (bitDepth != 8 || data[12] != 0 || colorType is not (0 or 2 or 4 or 6))
                        throw new NotSupportedException($"PNG bit depth {bitDepth}, colour type {colorType}, interlace {data[12]} not supported.");
                    break;
                case "IDAT": idat.Write(data); break;
                case "IEND": pos = png.Length; continue;
            }
            pos += 12 + length;
        }
        int channels = colorType switch { 0 => 1, 2 => 3, 4 => 2, _ => 4 };
        int stride = width * channels;
        var raw = new byte[height * (stride + 1)];
        idat.Position = 0;
        using (var z = new ZLibStream(idat, CompressionMode.Decompress)) z.ReadExactly(raw);
        var pixels = new byte[height * stride];
        for (int y = 0; y < height; y++)
        {
            int filter = raw[y * (stride + 1)];
            var src = raw.AsSpan(y * (stride + 1) + 1, stride);
            var cur = pixels.AsSpan(y * stride, stride);
            var prev = y > 0 ? pixels.AsSpan((y - 1) * stride, stride) : default;
            for (int i = 0; i < stride; i++)
            {
                int a = i >= channels ? cur[i - channels] : 0;
                int b = y > 0 ? prev[i] : 0;
                int c = y > 0 && i >= channels ? prev[i - channels] : 0;
                int predictor = filter switch
                {
                    0 => 0,
                    1 => a,
                    2 => b,
                    3 => (a + b) / 2,
                    4 => Paeth(a, b, c),
                    _ => throw new InvalidDataException($"Unknown PNG filter {filter} on row {y}."),
                };
                cur[i] = (byte)(src[i] + predictor);
            }
        }
        var rgba = new byte[width * height * 4];
        for (int p = 0; p < width * height; p++)
        {
            var s = pixels.AsSpan(p * channels, channels);
            (rgba[p * 4], rgba[p * 4 + 1], rgba[p * 4 + 2], rgba[p * 4 + 3]) = channels switch
            {
                1 => (s[0], s[0], s[0], (byte)255),
                2 => (s[0], s[0], s[0], s[1]),
                3 => (s[0], s[1], s[2], (byte)255),
                _ => (s[0], s[1], s[2], s[3]),
            };
        }
        return new PngImage(width, height, rgba);
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
