namespace Landscaper.Chemistry;

/// <summary>Malformed SD file or molfile; the message starts with the 1-based record and line numbers.</summary>
public sealed class SdfException : FormatException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="record">1-based record number in the file.</param>
    /// <param name="line">1-based line number in the file.</param>
    /// <param name="reason">What was wrong or expected.</param>
    public SdfException(int record, int line, string reason)
        : base($"SDF record {record}, line {line}: {reason}")
    {
        RecordNumber = record;
        LineNumber = line;
        Reason = reason;
    }

    /// <summary>1-based record number in the file.</summary>
    public int RecordNumber { get; }

    /// <summary>1-based line number in the file.</summary>
    public int LineNumber { get; }

    /// <summary>What was wrong, without the location prefix.</summary>
    public string Reason { get; }
}
