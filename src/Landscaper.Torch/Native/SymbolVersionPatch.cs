namespace Landscaper.Native;

/// <summary>
/// Plans and applies the "weak version requirement" workaround: a shared object that requires a symbol version
/// its dependency does not define (e.g. <c>GLIBCXX_3.4.32</c> on a system whose libstdc++ stops at 3.4.30) is
/// rewritten so that the requirement carries <c>VER_FLG_WEAK</c>; the dynamic loader then accepts it.
/// </summary>
/// <remarks>This is only sound when no relocation refers to a symbol of the missing version (the symbol is then
/// never bound). <see cref="Plan"/> checks exactly that and reports the offending symbols otherwise.</remarks>
public static class SymbolVersionPatch
{
    /// <summary>Works out which version requirements on <paramref name="dependency"/> are missing from
    /// <paramref name="availableVersions"/> and whether marking them weak is safe.</summary>
    /// <param name="image">The shared object to examine.</param>
    /// <param name="dependency">The needed file whose versions are checked, e.g. <c>libstdc++.so.6</c>.</param>
    /// <param name="availableVersions">Version names the installed dependency defines.</param>
    public static SymbolVersionPatchPlan Plan(ElfImage image, string dependency, IReadOnlySet<string> availableVersions)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(availableVersions);
        var missing = image.VersionRequirements()
            .Where(r => r.File == dependency && !availableVersions.Contains(r.Version) && !r.IsWeak)
            .ToList();
        if (missing.Count == 0) return new SymbolVersionPatchPlan(dependency, [], [], []);
        var symbols = image.DynamicSymbols();
        var relocated = image.RelocatedSymbolIndices();
        var missingIndices = missing.Select(m => (int)m.Index).ToHashSet();
        var affected = symbols.Where(s => missingIndices.Contains(s.VersionIndex) && !s.IsDefined).ToList();
        var blocking = affected.Where(s => relocated.Contains(s.Index)).Select(s => s.Name).ToList();
        return new SymbolVersionPatchPlan(dependency, missing, affected.Select(s => s.Name).ToList(), blocking);
    }

    /// <summary>Returns a copy of <paramref name="original"/> with every requirement in <paramref name="plan"/> marked weak.</summary>
    /// <exception cref="InvalidOperationException">The plan is not safe (<see cref="SymbolVersionPatchPlan.IsSafe"/> is false).</exception>
    public static byte[] Apply(byte[] original, SymbolVersionPatchPlan plan)
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(plan);
        if (!plan.IsSafe)
            throw new InvalidOperationException(
                $"Cannot mark {string.Join(", ", plan.Missing.Select(m => m.Version))} weak: relocations use " +
                $"{string.Join(", ", plan.BlockingSymbols)}, which would stay unresolved.");
        var patched = (byte[])original.Clone();
        foreach (var req in plan.Missing)
        {
            ushort flags = (ushort)(req.Flags | ElfVersionRequirement.WeakFlag);
            patched[req.FlagsOffset] = (byte)(flags & 0xff);
            patched[req.FlagsOffset + 1] = (byte)(flags >> 8);
        }
        return patched;
    }
}

/// <summary>Result of <see cref="SymbolVersionPatch.Plan"/>.</summary>
/// <param name="Dependency">The needed file examined (e.g. <c>libstdc++.so.6</c>).</param>
/// <param name="Missing">Non-weak requirements whose version the installed dependency lacks.</param>
/// <param name="AffectedSymbols">Imported symbols bound to a missing version.</param>
/// <param name="BlockingSymbols">Affected symbols that relocations use: if any, the patch is unsafe.</param>
public sealed record SymbolVersionPatchPlan(
    string Dependency,
    IReadOnlyList<ElfVersionRequirement> Missing,
    IReadOnlyList<string> AffectedSymbols,
    IReadOnlyList<string> BlockingSymbols)
{
    /// <summary>True when nothing is missing: the library loads as shipped and must be left untouched.</summary>
    public bool IsNeeded => Missing.Count > 0;

    /// <summary>True when marking the missing requirements weak cannot leave a used symbol unresolved.</summary>
    public bool IsSafe => BlockingSymbols.Count == 0;
}
