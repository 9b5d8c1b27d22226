using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Landscaper.IO;

/// <summary>
/// A supported NumPy scalar dtype: kind, item size in bytes and byte order, written in NumPy's descriptor
/// syntax as e.g. <c>'&lt;f8'</c> (little-endian float64), <c>'&gt;i4'</c> (big-endian int32) or <c>'|u1'</c>.
/// </summary>
/// <remarks>
/// Supported: <c>f2 f4 f8</c>, <c>i1 i2 i4 i8</c>, <c>u1 u2 u4 u8</c> and <c>b1</c>, each little- or big-endian
/// (<c>'&lt;'</c>/<c>'&gt;'</c>; one-byte types also accept <c>'|'</c>). Structured, complex, string, object and
/// datetime dtypes are not supported. Every supported type is converted to <see cref="double"/> on read; 64-bit
/// integers beyond ±2^53 lose precision in that conversion.
/// </remarks>
public sealed record NpyDtype
{
    /// <summary>Creates a dtype, validating the kind/size combination.</summary>
    /// <param name="kind">Scalar kind.</param>
    /// <param name="itemSize">Bytes per element: 2, 4 or 8 for floats; 1, 2, 4 or 8 for integers; 1 for booleans.</param>
    /// <param name="bigEndian">True for big-endian byte order. Ignored (normalised to false) for one-byte types.</param>
    /// <exception cref="ArgumentException">The combination is not supported.</exception>
    public NpyDtype(NpyDtypeKind kind, int itemSize, bool bigEndian = false)
    {
        bool ok = kind switch
        {
            NpyDtypeKind.Float => itemSize is 2 or 4 or 8,
            NpyDtypeKind.SignedInteger or NpyDtypeKind.UnsignedInteger => itemSize is 1 or 2 or 4 or 8,
            NpyDtypeKind.Boolean => itemSize == 1,
            _ => false,
        };
        if (!ok)
            throw new ArgumentException($"Unsupported dtype: kind {kind} with item size {itemSize}.", nameof(itemSize));
        Kind = kind;
        ItemSize = itemSize;
        BigEndian = itemSize > 1 && bigEndian;
    }

    /// <summary>Little-endian float64 (<c>'&lt;f8'</c>), the type this library writes.</summary>
    public static NpyDtype Float64 { get; } = new(NpyDtypeKind.Float, 8);

    /// <summary>Scalar kind.</summary>
    public NpyDtypeKind Kind { get; }

    /// <summary>Bytes per element.</summary>
    public int ItemSize { get; }

    /// <summary>True for big-endian byte order (always false for one-byte types).</summary>
    public bool BigEndian { get; }

    /// <summary>The NumPy descriptor string, e.g. <c>&lt;f8</c>, <c>&gt;i2</c>, <c>|b1</c>.</summary>
    public string Descr => $"{(ItemSize == 1 ? '|' : BigEndian ? '>' : '<')}{KindChar}{ItemSize}";

    private char KindChar => Kind switch
    {
        NpyDtypeKind.Float => 'f',
        NpyDtypeKind.SignedInteger => 'i',
        NpyDtypeKind.UnsignedInteger => 'u',
        _ => 'b',
    };

    /// <summary>Parses a NumPy descriptor such as <c>&lt;f8</c>; returns false for anything unsupported.</summary>
    /// <param name="descr">The descriptor (without quotes).</param>
    /// <param name="dtype">The parsed dtype, or null.</param>
    public static bool TryParse(string? descr, out NpyDtype? dtype)
    {
        dtype = null;
        if (descr is null || descr.Length != 3) return false;
        char order = descr[0], kindChar = descr[1], sizeChar = descr[2];
        if (sizeChar is not ('1' or '2' or '4' or '8')) return false;
        int size = sizeChar - '0';
        NpyDtypeKind kind;
        switch (kindChar)
        {
            case 'f': if (size == 1) return false; kind = NpyDtypeKind.Float; break;
            case 'i': kind = NpyDtypeKind.SignedInteger; break;
            case 'u': kind = NpyDtypeKind.UnsignedInteger; break;
            case 'b': if (size != 1) return false; kind = NpyDtypeKind.Boolean; break;
            default: return false;
        }
        switch (order)
        {
            case '<': dtype = new NpyDtype(kind, size, false); return true;
            case '>': dtype = new NpyDtype(kind, size, true); return true;
            case '|': if (size != 1) return false; dtype = new NpyDtype(kind, size, false); return true;
            default: return false;
        }
    }

    /// <summary>Parses a NumPy descriptor such as <c>&lt;f8</c>.</summary>
    /// <param name="descr">The descriptor (without quotes).</param>
    /// <exception cref="NpyFormatException">The descriptor is not one of the supported dtypes.</exception>
    public static NpyDtype Parse(string descr) =>
        TryParse(descr, out var d) ? d! : throw new NpyFormatException(
            $"Unsupported dtype descriptor '{descr}' (supported: f2 f4 f8 i1 i2 i4 i8 u1 u2 u4 u8 b1 with '<' or '>' byte order, '|' for one-byte types).");

    /// <summary>Converts whole elements of this dtype from <paramref name="source"/> into doubles.</summary>
    /// <remarks><paramref name="source"/> length must be <c>destination.Length × ItemSize</c>.</remarks>
    internal void Decode(ReadOnlySpan<byte> source, Span<double> destination)
    {
        int n = destination.Length;
        if (source.Length != n * ItemSize) throw new ArgumentException("Source length does not match destination.", nameof(source));
        bool big = BigEndian;
        switch (Kind, ItemSize)
        {
            case (NpyDtypeKind.Float, 8):
                if (!big && BitConverter.IsLittleEndian) { MemoryMarshal.Cast<byte, double>(source).CopyTo(destination); break; }
                for (int i = 0; i < n; i++)
                {
                    var s = source.Slice(i * 8, 8);
                    destination[i] = big ? BinaryPrimitives.ReadDoubleBigEndian(s) : BinaryPrimitives.ReadDoubleLittleEndian(s);
                }
                break;
            case (NpyDtypeKind.Float, 4):
                for (int i = 0; i < n; i++)
                {
                    var s = source.Slice(i * 4, 4);
                    destination[i] = big ? BinaryPrimitives.ReadSingleBigEndian(s) : BinaryPrimitives.ReadSingleLittleEndian(s);
                }
                break;
            case (NpyDtypeKind.Float, 2):
                for (int i = 0; i < n; i++)
                {
                    var s = source.Slice(i * 2, 2);
                    destination[i] = (double)(big ? BinaryPrimitives.ReadHalfBigEndian(s) : BinaryPrimitives.ReadHalfLittleEndian(s));
                }
                break;
            case (NpyDtypeKind.SignedInteger, 1):
                for (int i = 0; i < n; i++) destination[i] = (sbyte)source[i];
                break;
            case (NpyDtypeKind.UnsignedInteger, 1):
                for (int i = 0; i < n; i++) destination[i] = source[i];
                break;
            case (NpyDtypeKind.Boolean, 1):
                for (int i = 0; i < n; i++) destination[i] = source[i] != 0 ? 1.0 : 0.0;
                break;
            case (NpyDtypeKind.SignedInteger, 2):
                for (int i = 0; i < n; i++)
                {
                    var s = source.Slice(i * 2, 2);
                    destination[i] = big ? BinaryPrimitives.ReadInt16BigEndian(s) : BinaryPrimitives.ReadInt16LittleEndian(s);
                }
                break;
            case (NpyDtypeKind.UnsignedInteger, 2):
                for (int i = 0; i < n; i++)
                {
                    var s = source.Slice(i * 2, 2);
                    destination[i] = big ? BinaryPrimitives.ReadUInt16BigEndian(s) : BinaryPrimitives.ReadUInt16LittleEndian(s);
                }
                break;
            case (NpyDtypeKind.SignedInteger, 4):
                for (int i = 0; i < n; i++)
                {
                    var s = source.Slice(i * 4, 4);
                    destination[i] = big ? BinaryPrimitives.ReadInt32BigEndian(s) : BinaryPrimitives.ReadInt32LittleEndian(s);
                }
                break;
            case (NpyDtypeKind.UnsignedInteger, 4):
                for (int i = 0; i < n; i++)
                {
                    var s = source.Slice(i * 4, 4);
                    destination[i] = big ? BinaryPrimitives.ReadUInt32BigEndian(s) : BinaryPrimitives.ReadUInt32LittleEndian(s);
                }
                break;
            case (NpyDtypeKind.SignedInteger, 8):
                for (int i = 0; i < n; i++)
                {
                    var s = source.Slice(i * 8, 8);
                    destination[i] = big ? BinaryPrimitives.ReadInt64BigEndian(s) : BinaryPrimitives.ReadInt64LittleEndian(s);
                }
                break;
            case (NpyDtypeKind.UnsignedInteger, 8):
                for (int i = 0; i < n; i++)
                {
                    var s = source.Slice(i * 8, 8);
                    destination[i] = big ? BinaryPrimitives.ReadUInt64BigEndian(s) : BinaryPrimitives.ReadUInt64LittleEndian(s);
                }
                break;
            default:
                throw new InvalidOperationException($"Unhandled dtype {Descr}.");
        }
    }

    /// <summary>The same dtype in little-endian byte order (what <see cref="Npy"/> writes).</summary>
    public NpyDtype LittleEndian => BigEndian ? new NpyDtype(Kind, ItemSize, false) : this;

    /// <summary>Common dtypes.</summary>
    public static NpyDtype Float32 { get; } = new(NpyDtypeKind.Float, 4);

    /// <summary>64-bit signed integers (<c>&lt;i8</c>).</summary>
    public static NpyDtype Int64 { get; } = new(NpyDtypeKind.SignedInteger, 8);

    /// <summary>Unsigned bytes (<c>|u1</c>), e.g. UTF-8 text stored as an array.</summary>
    public static NpyDtype UInt8 { get; } = new(NpyDtypeKind.UnsignedInteger, 1);

    /// <summary>Whether <paramref name="value"/> is stored exactly by this dtype (floats: float16/32 round-trip; integers:
    /// integral and in range, and below 2⁵³ in magnitude so the double holding it was exact; booleans: 0 or 1).</summary>
    public bool Represents(double value) => (Kind, ItemSize) switch
    {
        (NpyDtypeKind.Float, 8) => true,
        (NpyDtypeKind.Float, 4) => double.IsNaN(value) || (double)(float)value == value,
        (NpyDtypeKind.Float, _) => double.IsNaN(value) || (double)(Half)value == value,
        (NpyDtypeKind.Boolean, _) => value is 0 or 1,
        (NpyDtypeKind.SignedInteger, var size) => value == Math.Floor(value) && Math.Abs(value) <= 9007199254740992.0
            && value >= -Math.Pow(2, 8 * size - 1) && value <= Math.Pow(2, 8 * size - 1) - 1,
        (_, var size) => value == Math.Floor(value) && value >= 0 && value <= Math.Min(Math.Pow(2, 8 * size) - 1, 9007199254740992.0),
    };

    /// <summary>Converts doubles into little-endian elements of this dtype.</summary>
    /// <exception cref="ArgumentException">A value the dtype cannot store exactly (see <see cref="Represents"/>).</exception>
    internal void Encode(ReadOnlySpan<double> source, Span<byte> destination)
    {
        int n = source.Length;
        if (destination.Length != n * ItemSize) throw new ArgumentException("Destination length does not match source.", nameof(destination));
        if (Kind == NpyDtypeKind.Float && ItemSize == 8)
        {
            for (int i = 0; i < n; i++) BinaryPrimitives.WriteDoubleLittleEndian(destination.Slice(i * 8, 8), source[i]);
            return;
        }
        for (int i = 0; i < n; i++)
        {
            double v = source[i];
            if (!Represents(v)) throw new ArgumentException($"Element {i} ({v:R}) cannot be stored exactly as {LittleEndian.Descr}.", nameof(source));
            var d = destination.Slice(i * ItemSize, ItemSize);
            switch (Kind, ItemSize)
            {
                case (NpyDtypeKind.Float, 4): BinaryPrimitives.WriteSingleLittleEndian(d, (float)v); break;
                case (NpyDtypeKind.Float, 2): BinaryPrimitives.WriteHalfLittleEndian(d, (Half)v); break;
                case (NpyDtypeKind.Boolean, 1): d[0] = (byte)v; break;
                case (NpyDtypeKind.SignedInteger, 1): d[0] = unchecked((byte)(sbyte)v); break;
                case (NpyDtypeKind.UnsignedInteger, 1): d[0] = (byte)v; break;
                case (NpyDtypeKind.SignedInteger, 2): BinaryPrimitives.WriteInt16LittleEndian(d, (short)v); break;
                case (NpyDtypeKind.UnsignedInteger, 2): BinaryPrimitives.WriteUInt16LittleEndian(d, (ushort)v); break;
                case (NpyDtypeKind.SignedInteger, 4): BinaryPrimitives.WriteInt32LittleEndian(d, (int)v); break;
                case (NpyDtypeKind.UnsignedInteger, 4): BinaryPrimitives.WriteUInt32LittleEndian(d, (uint)v); break;
                case (NpyDtypeKind.SignedInteger, 8): BinaryPrimitives.WriteInt64LittleEndian(d, (long)v); break;
                case (NpyDtypeKind.UnsignedInteger, 8): BinaryPrimitives.WriteUInt64LittleEndian(d, (ulong)v); break;
                default: throw new InvalidOperationException($"Unhandled dtype {Descr}.");
            }
        }
    }

    /// <summary>Returns <see cref="Descr"/>.</summary>
    public override string ToString() => Descr;
}
