namespace Landscaper.Chemistry;

/// <summary>
/// An atom of a <see cref="Molecule"/> (immutable). Hydrogens may be graph atoms of their own (as in a molfile with
/// explicit H) or counts on their heavy neighbour: <see cref="ExplicitHydrogenCount"/> (written, e.g. SMILES
/// <c>[NH2]</c>) plus <see cref="ImplicitHydrogenCount"/> (added by the default-valence rules).
/// </summary>
public sealed record Atom
{
    /// <summary>Creates an atom of <paramref name="element"/>; other properties default to "nothing written".</summary>
    public Atom(Element element) => Element = element ?? throw new ArgumentNullException(nameof(element));

    /// <summary>The element.</summary>
    public Element Element { get; init; }

    /// <summary>Mass number as written (SMILES <c>[13C]</c>, molfile M  ISO); 0 when unspecified (natural abundance).</summary>
    public int Isotope { get; init; }

    /// <summary>Formal charge in units of the elementary charge.</summary>
    public int FormalCharge { get; init; }

    /// <summary>Hydrogens written on the atom itself (SMILES bracket <c>H</c>/<c>H2</c>); 0 otherwise.</summary>
    public int ExplicitHydrogenCount { get; init; }

    /// <summary>Hydrogens added by the default-valence rules (0 for bracket atoms).</summary>
    public int ImplicitHydrogenCount { get; init; }

    /// <summary><see cref="ExplicitHydrogenCount"/> + <see cref="ImplicitHydrogenCount"/> (not counting H graph neighbours).</summary>
    public int TotalHydrogenCount => ExplicitHydrogenCount + ImplicitHydrogenCount;

    /// <summary>True when the atom is aromatic (as written, or as perceived after aromaticity perception).</summary>
    public bool IsAromatic { get; init; }

    /// <summary>
    /// Chirality mark as written in SMILES, kept verbatim but not interpreted: "@", "@@", "@TH1", "@TH2", "@AL1",
    /// "@SP3", "@TB12", "@OH25", ...; null when none.
    /// </summary>
    public string? Chirality { get; init; }

    /// <summary>Atom-map number / atom class (SMILES <c>[CH3:7]</c>); 0 when none.</summary>
    public int AtomMap { get; init; }

    /// <summary>True for SMILES bracket atoms and molfile atoms whose hydrogen count is fixed (no implicit H added).</summary>
    public bool IsBracketAtom { get; init; }

    /// <summary>Unpaired electrons (molfile M  RAD, or a bracket atom below its lowest valence); usually 0.</summary>
    public int RadicalElectrons { get; init; }

    /// <summary>0-based character position of the atom in the SMILES it was parsed from, or -1.</summary>
    public int SourcePosition { get; init; } = -1;

    /// <summary>True for hydrogen atoms (any isotope).</summary>
    public bool IsHydrogen => Element.AtomicNumber == 1;
}
