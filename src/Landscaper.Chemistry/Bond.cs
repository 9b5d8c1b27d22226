namespace Landscaper.Chemistry;

/// <summary>A bond between atoms <see cref="Begin"/> and <see cref="End"/> (0-based atom indices; immutable).</summary>
public sealed record Bond
{
    /// <summary>Creates a bond; for a non-aromatic bond the Kekulé order is the order itself.</summary>
    /// <exception cref="ArgumentException">Self-bond, negative index, or an aromatic order without a Kekulé order.</exception>
    public Bond(int begin, int end, BondOrder order, BondStereo stereo = BondStereo.None, int kekuleOrder = 0)
    {
        if (begin < 0 || end < 0) throw new ArgumentException("atom indices must be >= 0");
        if (begin == end) throw new ArgumentException($"bond from atom {begin} to itself");
        Begin = begin;
        End = end;
        Order = order;
        Stereo = stereo;
        KekuleOrder = order == BondOrder.Aromatic ? kekuleOrder : (int)order;
        if (KekuleOrder is < 0 or > 4) throw new ArgumentException($"bad Kekulé order {kekuleOrder}");
    }

    /// <summary>Index of the first atom (the atom written first in SMILES).</summary>
    public int Begin { get; init; }

    /// <summary>Index of the second atom.</summary>
    public int End { get; init; }

    /// <summary>Bond order; <see cref="BondOrder.Aromatic"/> for aromatic bonds.</summary>
    public BondOrder Order { get; init; }

    /// <summary>
    /// Order of this bond in a Kekulé structure (1, 2, 3 or 4). Equals the order for non-aromatic bonds; for aromatic
    /// bonds it is 1 or 2 after kekulisation, 0 before (only transiently, inside parsers).
    /// </summary>
    public int KekuleOrder { get; init; }

    /// <summary>Directional mark ('/' or '\') as written, relative to Begin → End.</summary>
    public BondStereo Stereo { get; init; }

    /// <summary>True when <see cref="Order"/> is <see cref="BondOrder.Aromatic"/>.</summary>
    public bool IsAromatic => Order == BondOrder.Aromatic;

    /// <summary>The atom at the other end from <paramref name="atom"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="atom"/> is not an end of this bond.</exception>
    public int Other(int atom) =>
        atom == Begin ? End : atom == End ? Begin : throw new ArgumentException($"atom {atom} is not in bond {Begin}-{End}");

    /// <summary>True when the bond joins <paramref name="a"/> and <paramref name="b"/> (either direction).</summary>
    public bool Joins(int a, int b) => (Begin == a && End == b) || (Begin == b && End == a);
}
