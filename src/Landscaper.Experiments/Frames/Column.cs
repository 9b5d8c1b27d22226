namespace Landscaper.Frames;

/// <summary>A column of a <see cref="Table{T}"/>: a name and how to read a row's value, as text or as a number.</summary>
/// <typeparam name="T">The row type.</typeparam>
/// <param name="Name">Column name (CSV header, frame column key).</param>
/// <param name="Text">Reads a text value, or null for a number column.</param>
/// <param name="Number">Reads a numeric value (NaN = missing), or null for a text column.</param>
public sealed record Column<T>(string Name, Func<T, string>? Text, Func<T, double>? Number)
{
    /// <summary>A numeric column.</summary>
    public static Column<T> Of(string name, Func<T, double> number) => new(name, null, number);

    /// <summary>A text column.</summary>
    public static Column<T> OfText(string name, Func<T, string> text) => new(name, text, null);
}
