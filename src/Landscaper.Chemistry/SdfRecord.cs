namespace Landscaper.Chemistry;

/// <summary>One record of an SD file: the molfile's title line, the molecule and the data fields.</summary>
/// <param name="Number">1-based record number in the file.</param>
/// <param name="Title">First line of the molfile header (the molecule name), trimmed.</param>
/// <param name="Molecule">The molecule, with coordinates in Å.</param>
/// <param name="Data">Data fields (<c>&gt;  &lt;name&gt;</c> items) in file order; multi-line values joined with '\n'.</param>
public sealed record SdfRecord(int Number, string Title, Molecule Molecule, IReadOnlyList<KeyValuePair<string, string>> Data)
{
    /// <summary>The value of data field <paramref name="name"/> (first occurrence), or null.</summary>
    public string? this[string name]
    {
        get
        {
            foreach (var kv in Data)
                if (kv.Key == name) return kv.Value;
            return null;
        }
    }
}
