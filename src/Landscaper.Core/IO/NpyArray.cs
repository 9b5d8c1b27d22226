using System.Runtime.InteropServices;

namespace Landscaper.IO;

/// <summary>
/// An immutable N-dimensional array as stored in a <c>.npy</c> file: the dtype it was stored with, its shape, and
/// its elements converted to <see cref="double"/> in C (row-major) order.
/// </summary>
/// <remarks>
/// <para><see cref="Values"/> is always C order. <see cref="FortranOrder"/> only records whether the file stored
/// the elements in Fortran (column-major) order; the reader reorders them.</para>
/// <para>Equality is structural: same dtype, Fortran flag, shape, and bit-identical values (so NaN equals NaN with
/// the same payload, and 0.0 differs from −0.0).</para>
/// </remarks>
public sealed record NpyArray
{
    private readonly long[] _shape;
    private readonly double[] _values;

    /// <summary>Creates a float64 (<c>'&lt;f8'</c>) C-order array.</summary>
    /// <param name="values">Elements in C order; length must equal the product of <paramref name="shape"/>. Copied.</param>
    /// <param name="shape">Dimensions (each ≥ 0); empty for a 0-d scalar array.</param>
    /// <exception cref="ArgumentException">A negative dimension or a length mismatch.</exception>
    public NpyArray(ReadOnlySpan<double> values, ReadOnlySpan<long> shape)
        : this(NpyDtype.Float64, shape, values, fortranOrder: false) { }

    /// <summary>Creates an array with an explicit source dtype and Fortran flag.</summary>
    /// <param name="dtype">The dtype the elements are stored with (<see cref="Npy.Write(Stream, NpyArray)"/> writes it, in
    /// little-endian order; every value must be exactly representable in it).</param>
    /// <param name="shape">Dimensions (each ≥ 0); empty for a 0-d scalar array.</param>
    /// <param name="values">Elements in C order; length must equal the product of <paramref name="shape"/>. Copied.</param>
    /// <param name="fortranOrder">Whether the source file stored the elements in Fortran order.</param>
    /// <exception cref="ArgumentException">A negative dimension or a length mismatch.</exception>
    public NpyArray(NpyDtype dtype, ReadOnlySpan<long> shape, ReadOnlySpan<double> values, bool fortranOrder)
        : this(dtype, shape.ToArray(), values.ToArray(), fortranOrder, validate: true) { }

    internal NpyArray(NpyDtype dtype, long[] shape, double[] values, bool fortranOrder, bool validate)
    {
        ArgumentNullException.ThrowIfNull(dtype);
        if (validate)
        {
            long count = 1;
            for (int k = 0; k < shape.Length; k++)
            {
                if (shape[k] < 0)
                    throw new ArgumentException($"Dimension {k} is negative ({shape[k]}).", nameof(shape));
                count = count > 0 && shape[k] > long.MaxValue / count ? long.MaxValue : count * shape[k];
            }
            if (count != values.Length)
                throw new ArgumentException(
                    $"values has {values.Length} elements but shape {FormatShape(shape)} needs {count}.", nameof(values));
        }
        Dtype = dtype;
        _shape = shape;
        _values = values;
        FortranOrder = fortranOrder;
    }

    /// <summary>A one-dimensional <c>|u1</c> array holding <paramref name="text"/> as UTF-8 (how Landscaper stores JSON
    /// metadata inside an <c>.npz</c>; in Python: <c>json.loads(bytes(archive["metadata"]))</c>).</summary>
    public static NpyArray FromUtf8(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        var values = new double[bytes.Length];
        for (int i = 0; i < bytes.Length; i++) values[i] = bytes[i];
        return new NpyArray(NpyDtype.UInt8, [values.Length], values, fortranOrder: false, validate: false);
    }

    /// <summary>The UTF-8 text held by a one-dimensional <c>|u1</c> array (see <see cref="FromUtf8"/>).</summary>
    /// <exception cref="NpyFormatException">Not a one-dimensional unsigned-byte array, or not valid UTF-8.</exception>
    public string ToUtf8()
    {
        if (Dtype.Kind != NpyDtypeKind.UnsignedInteger || Dtype.ItemSize != 1 || Rank != 1)
            throw new NpyFormatException(null, $"expected a one-dimensional |u1 array holding UTF-8 text, got {Dtype.Descr} {FormatShape(_shape)}", null);
        var bytes = new byte[_values.Length];
        for (int i = 0; i < bytes.Length; i++) bytes[i] = (byte)_values[i];
        try { return new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes); }
        catch (System.Text.DecoderFallbackException ex) { throw new NpyFormatException(null, "the text is not valid UTF-8", ex); }
    }

    /// <summary>The dtype the elements were stored with.</summary>
    public NpyDtype Dtype { get; }

    /// <summary>Dimensions; empty for a 0-d scalar array.</summary>
    public IReadOnlyList<long> Shape => _shape;

    /// <summary>Number of dimensions.</summary>
    public int Rank => _shape.Length;

    /// <summary>Number of elements (product of <see cref="Shape"/>; 1 for a 0-d array).</summary>
    public int Count => _values.Length;

    /// <summary>The elements converted to double, in C order.</summary>
    public ReadOnlyMemory<double> Values => _values;

    /// <summary>Whether the source file stored the elements in Fortran (column-major) order. <see cref="Values"/> is C order regardless.</summary>
    public bool FortranOrder { get; }

    internal double[] ValuesArray => _values;

    internal long[] ShapeArray => _shape;

    /// <summary>Structural equality: dtype, Fortran flag, shape and bit-identical values.</summary>
    /// <param name="other">The array to compare with.</param>
    public bool Equals(NpyArray? other) =>
        other is not null
        && (ReferenceEquals(this, other)
            || (Dtype.Equals(other.Dtype) && FortranOrder == other.FortranOrder
                && _shape.AsSpan().SequenceEqual(other._shape)
                && MemoryMarshal.Cast<double, long>(_values.AsSpan()).SequenceEqual(MemoryMarshal.Cast<double, long>(other._values.AsSpan()))));

    /// <summary>Hash of dtype, flag, shape and element count.</summary>
    public override int GetHashCode()
    {
        var h = new HashCode();
        h.Add(Dtype);
        h.Add(FortranOrder);
        foreach (var d in _shape) h.Add(d);
        h.Add(_values.Length);
        return h.ToHashCode();
    }

    /// <summary>A short description, e.g. <c>NpyArray(&lt;f8, shape (10, 10))</c>.</summary>
    public override string ToString() =>
        $"NpyArray({Dtype.Descr}, shape {FormatShape(_shape)}{(FortranOrder ? ", from Fortran order" : "")})";

    /// <summary>Formats a shape the way Python prints a tuple: <c>()</c>, <c>(5,)</c>, <c>(2, 10)</c>.</summary>
    internal static string FormatShape(ReadOnlySpan<long> shape) => shape.Length switch
    {
        0 => "()",
        1 => $"({shape[0]},)",
        _ => "(" + string.Join(", ", shape.ToArray()) + ")",
    };
}
