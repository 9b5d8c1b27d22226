namespace Landscaper.Chemistry;

/// <summary>Aromatic input for which no Kekulé structure exists.</summary>
public sealed class KekulizationException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="atom">Index of an atom that could not be given a double bond.</param>
    /// <param name="message">Reason.</param>
    public KekulizationException(int atom, string message) : base($"{message} (atom {atom})")
    {
        Atom = atom;
        Reason = message;
    }

    /// <summary>Index of an atom that could not be given a double bond.</summary>
    public int Atom { get; }

    /// <summary>The reason without the atom index.</summary>
    public string Reason { get; }
}
