namespace Landscaper.IO;

/// <summary>The kind of a supported NumPy scalar type (the letter in a dtype descriptor such as <c>'&lt;f8'</c>).</summary>
public enum NpyDtypeKind
{
    /// <summary>IEEE 754 floating point (<c>f</c>): half, single or double precision.</summary>
    Float,
    /// <summary>Two's-complement signed integer (<c>i</c>).</summary>
    SignedInteger,
    /// <summary>Unsigned integer (<c>u</c>).</summary>
    UnsignedInteger,
    /// <summary>Boolean (<c>b</c>), one byte; any non-zero byte is true.</summary>
    Boolean,
}
