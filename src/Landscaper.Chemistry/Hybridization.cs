namespace Landscaper.Chemistry;

/// <summary>Hybridisation estimate of an atom (see <see cref="HybridizationRules"/>).</summary>
public enum Hybridization
{
    /// <summary>Not estimated: hydrogen, metals, noble gases.</summary>
    Other = 0,
    /// <summary>sp: a triple bond or two double bonds.</summary>
    Sp = 1,
    /// <summary>sp2: aromatic, one double bond, or trivalent boron / carbocation.</summary>
    Sp2 = 2,
    /// <summary>sp3: single bonds only.</summary>
    Sp3 = 3,
}
