using CsCheck;
using Landscaper.Topology;

namespace Landscaper.Tests.Topology;

/// <summary>Generators of small random fields for property tests.</summary>
internal static class RandomFields
{
    public sealed record Field(int[] Shape, double[] Values, Connectivity Connectivity)
    {
        public Landscape ToLandscape()
            => new(Values, Shape.Select(n => Landscape.Linspace(-1, 1, n)).ToArray());
        public override string ToString()
            => $"shape [{string.Join(",", Shape)}] {Connectivity} values [{string.Join(",", Values)}]";
    }

    private static int MaxSide(int d) => d switch { 1 => 14, 2 => 6, 3 => 4, 4 => 3, _ => 2 };

    /// <summary>1-D to 5-D fields; half of them small integers 0..3 (many ties), half dyadic values in [−4, 4].</summary>
    public static readonly Gen<Field> Small =
        from d in Gen.Int[1, 5]
        from shape in Gen.Int[1, MaxSide(d)].Array[d]
        from ties in Gen.Bool
        from connectivity in Gen.Int[0, 2].Select(i => (Connectivity)i)
        from values in (ties ? Gen.Int[0, 3] : Gen.Int[-32, 32]).Select(i => ties ? i : i / 8.0).Array[shape.Aggregate(1, (a, b) => a * b)]
        select new Field(shape, values, connectivity);
}
