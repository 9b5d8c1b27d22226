namespace Landscaper.Topology;

/// <summary>Which level sets are swept.</summary>
/// <remarks>
/// <para><b>Tie rule (total order).</b> Grid values may tie. Every structure uses the strict total order
/// "p precedes q" ⇔ (h(p), p) &lt; (h(q), q) lexicographically, where h = f for the sublevel filtration and
/// h = −f for the superlevel filtration, and p, q are flat C-order indices. So among equal values the smaller flat
/// index comes first in <em>both</em> filtrations; the superlevel filtration of f is by definition the sublevel
/// filtration of −f (exactly, not just up to ties). A plateau therefore has exactly one minimum (its smallest
/// flat index) unless it is separated by the graph.</para>
/// </remarks>
public enum Filtration
{
    /// <summary>Sublevel sets {f ≤ t} for increasing t: components are born at minima and join at saddles.</summary>
    Sublevel = 0,

    /// <summary>Superlevel sets {f ≥ t} for decreasing t: components are born at maxima and join at saddles.</summary>
    Superlevel = 1,
}

/// <summary>Sorting grid points into a filtration order (see <see cref="Filtration"/> for the tie rule).</summary>
public static class FiltrationOrder
{
    /// <summary>Flat indices of all points in filtration order: ascending (value, index) for
    /// <see cref="Filtration.Sublevel"/>, descending value then ascending index for <see cref="Filtration.Superlevel"/>.</summary>
    /// <exception cref="ArgumentException">Any value is NaN or infinite.</exception>
    public static int[] Of(ReadOnlySpan<double> values, Filtration filtration)
    {
        NonFiniteValues.EnsureFinite(values, nameof(values));
        var order = Sublevel(values);
        return filtration == Filtration.Sublevel ? order : ReverseKeepingTies(order, values);
    }

    /// <summary>Ascending (value, flat index): one key sort, then each run of equal values sorted by index.</summary>
    internal static int[] Sublevel(ReadOnlySpan<double> values)
    {
        var keys = values.ToArray();
        var order = new int[keys.Length];
        for (int i = 0; i < order.Length; i++) order[i] = i;
        Array.Sort(keys, order);
        for (int start = 0; start < keys.Length;)
        {
            int end = start + 1;
            while (end < keys.Length && keys[end] == keys[start]) end++;
            if (end - start > 1) Array.Sort(order, start, end - start);
            start = end;
        }
        return order;
    }

    /// <summary>The superlevel order from the sublevel order: reverse it, then restore ascending index within ties.</summary>
    internal static int[] ReverseKeepingTies(int[] sublevelOrder, ReadOnlySpan<double> values)
    {
        var order = (int[])sublevelOrder.Clone();
        Array.Reverse(order);
        for (int start = 0; start < order.Length;)
        {
            int end = start + 1;
            while (end < order.Length && values[order[end]] == values[order[start]]) end++;
            if (end - start > 1) Array.Reverse(order, start, end - start);
            start = end;
        }
        return order;
    }

    /// <summary>Whether <paramref name="p"/> comes before <paramref name="q"/> in the filtration (h = sign·f).</summary>
    internal static bool Precedes(double hp, int p, double hq, int q) => hp < hq || (hp == hq && p < q);

    /// <summary>+1 for sublevel, −1 for superlevel: h = sign · f is swept upwards.</summary>
    internal static double Sign(Filtration filtration) => filtration == Filtration.Sublevel ? 1.0 : -1.0;
}
