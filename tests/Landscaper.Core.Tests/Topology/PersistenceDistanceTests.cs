using CsCheck;
using Landscaper.Topology;

namespace Landscaper.Tests.Topology;

public class PersistenceDistanceTests
{
    private static readonly Gen<PersistencePair> Pair =
        from b in Gen.Int[-8, 8]
        from length in Gen.Int[0, 8]
        select new PersistencePair(0, 0, b / 2.0, (b + length) / 2.0);

    private static readonly Gen<PersistenceDiagram> Diagram =
        Pair.Array[0, 4].Select(p => new PersistenceDiagram(Filtration.Sublevel, p));

    /// <summary>Every partial matching: each point of a goes to an unused point of b or to the diagonal; the rest of b to the diagonal.</summary>
    private static (double Sum, double Max) BruteForce(PersistenceDiagram a, PersistenceDiagram b)
    {
        var pa = a.FinitePairs.ToArray();
        var pb = b.FinitePairs.ToArray();
        double bestSum = double.PositiveInfinity, bestMax = double.PositiveInfinity;
        var used = new bool[pb.Length];
        void Recurse(int i, double sum, double max)
        {
            if (i == pa.Length)
            {
                for (int j = 0; j < pb.Length; j++)
                    if (!used[j]) { double d = pb[j].Persistence / 2; sum += d; max = Math.Max(max, d); }
                bestSum = Math.Min(bestSum, sum);
                bestMax = Math.Min(bestMax, max);
                return;
            }
            double diag = pa[i].Persistence / 2;
            Recurse(i + 1, sum + diag, Math.Max(max, diag));
            for (int j = 0; j < pb.Length; j++)
            {
                if (used[j]) continue;
                used[j] = true;
                double d = Math.Max(Math.Abs(pa[i].BirthValue - pb[j].BirthValue), Math.Abs(pa[i].DeathValue - pb[j].DeathValue));
                Recurse(i + 1, sum + d, Math.Max(max, d));
                used[j] = false;
            }
        }
        Recurse(0, 0, 0);
        return (bestSum, bestMax);
    }

    [Fact]
    public void Wasserstein_and_bottleneck_equal_brute_force_over_all_matchings()
    {
        Gen.Select(Diagram, Diagram).Sample((a, b) =>
        {
            var (sum, max) = BruteForce(a, b);
            Assert.Equal(sum, PersistenceDistance.Wasserstein(a, b), 12);
            Assert.Equal(max, PersistenceDistance.Bottleneck(a, b), 12);
        }, iter: 3000);
    }

    [Fact]
    public void Distances_are_symmetric_and_zero_on_identical_diagrams()
    {
        Gen.Select(Diagram, Diagram).Sample((a, b) =>
        {
            Assert.Equal(PersistenceDistance.Wasserstein(a, b), PersistenceDistance.Wasserstein(b, a), 12);
            Assert.Equal(PersistenceDistance.Bottleneck(a, b), PersistenceDistance.Bottleneck(b, a), 12);
            Assert.Equal(0, PersistenceDistance.Wasserstein(a, a), 12);
            Assert.Equal(0, PersistenceDistance.Bottleneck(a, a), 12);
            Assert.True(PersistenceDistance.Bottleneck(a, b) <= PersistenceDistance.Wasserstein(a, b) + 1e-12);
        }, iter: 1000);
    }

    [Fact]
    public void Hungarian_equals_brute_force_over_permutations()
    {
        Gen.Int[1, 6].SelectMany(n => Gen.Int[0, 9].Array[n * n]).Sample(m =>
        {
            int n = (int)Math.Round(Math.Sqrt(m.Length));
            var cost = new double[n, n];
            for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) cost[i, j] = m[i * n + j];
            double best = Permutations(n).Min(p => p.Select((c, r) => cost[r, c]).Sum());
            var (assignment, total) = AssignmentProblem.Solve(cost);
            Assert.Equal(best, total);
            Assert.Equal(n, assignment.Distinct().Count());
        }, iter: 500);
    }

    private static IEnumerable<int[]> Permutations(int n)
    {
        if (n == 0) { yield return []; yield break; }
        foreach (var rest in Permutations(n - 1))
            for (int i = 0; i <= rest.Length; i++)
                yield return [.. rest[..i], n - 1, .. rest[i..]];
    }

    [Fact]
    public void Essential_classes_are_matched_by_birth()
    {
        var a = new PersistenceDiagram(Filtration.Sublevel, [new PersistencePair(0, 1, 0, 1), new PersistencePair(2, 3, -1, 5, true)]);
        var b = new PersistenceDiagram(Filtration.Sublevel, [new PersistencePair(2, 3, -3, 5, true)]);
        Assert.Equal(0.5 + 2, PersistenceDistance.Wasserstein(a, b), 12);
        Assert.Equal(2, PersistenceDistance.Bottleneck(a, b), 12);
        var none = new PersistenceDiagram(Filtration.Sublevel, []);
        Assert.Equal(double.PositiveInfinity, PersistenceDistance.Bottleneck(a, none));
    }

    [Fact]
    public void Non_square_cost_matrix_is_rejected_by_name()
    {
        var ex = Assert.Throws<ArgumentException>(() => AssignmentProblem.Solve(new double[2, 3]));
        Assert.Equal("cost", ex.ParamName);
    }
}
