using CsCheck;
using Landscaper.Topology;
using Landscaper.Metrics;

namespace Landscaper.Tests.Topology;

public class ProfileAndMetricTests
{
    [Fact]
    public void Profile_branches_are_the_elder_pairs_and_regions_nest_without_overlap()
    {
        RandomFields.Small.Sample(field =>
        {
            var l = field.ToLandscape();
            var profile = TopologicalProfile.Build(l, field.Connectivity);
            var diagram = MergeTree.Build(l, Filtration.Sublevel, field.Connectivity).Persistence();
            Assert.Equal(diagram.Pairs.Select(p => (p.Birth, p.Death)).Order(), profile.Branches.Select(b => (b.Minimum, b.Saddle)).Order());
            Assert.Equal(l.Count, profile.Branches[0].Samples[^1].Width);
            foreach (var b in profile.Branches)
            {
                Assert.Equal(b.BirthValue, b.Samples[0].Level);
                Assert.True(b.Samples.Zip(b.Samples.Skip(1)).All(t => t.First.Level < t.Second.Level && t.First.Width <= t.Second.Width));
                if (b.Parent < 0) continue;
                var parent = profile.Branches[b.Parent];
                Assert.True(b.Parent < b.Id);
                double death = b.DeathValue;
                int parentWidth = parent.Samples.Last(s => s.Level <= death).Width;
                Assert.True(b.Offset >= parent.Offset && b.Offset + b.Samples[^1].Width <= parent.Offset + parentWidth);
            }
            // At every level, the regions of the branches alive there are disjoint intervals.
            foreach (double level in profile.Branches.SelectMany(b => b.Samples).Select(s => s.Level).Distinct())
            {
                var intervals = profile.Branches.Where(b => b.BirthValue <= level && (level < b.DeathValue || b.Id == 0))
                    .Select(b => (Start: b.Offset, End: b.Offset + b.Samples.Last(s => s.Level <= level).Width)).OrderBy(i => i.Start).ToArray();
                for (int i = 1; i < intervals.Length; i++) Assert.True(intervals[i - 1].End <= intervals[i].Start);
            }
        }, iter: 1000);
    }

    [Fact]
    public void Profile_of_a_double_well_has_two_nested_regions_with_a_closed_outline()
    {
        double[] v = [0, 1, 3, 2, 4];
        var profile = TopologicalProfile.Build(Landscape.OnSymmetricGrid(v, 1, 5, 1));
        Assert.Equal(2, profile.Branches.Count);
        var child = profile.Branches[1];
        Assert.Equal((3, 2, 2.0, 3.0, 0, 2), (child.Minimum, child.Saddle, child.BirthValue, child.DeathValue, child.Parent, child.Offset));
        Assert.Equal([new ProfileSample(0, 1), new ProfileSample(1, 2), new ProfileSample(3, 4), new ProfileSample(4, 5)], profile.Branches[0].Samples);
        var outline = child.Outline();
        Assert.Equal((2.0, 2.0), outline[0]);
        Assert.Equal((2.0, 3.0), outline[^1]);
    }

    [Fact]
    public void Metrics_read_the_analysis()
    {
        var l = Landscaper.IO.Npz.ReadLandscape(RepoPaths.TestData("rosenbrock_2d.npz"));
        var a = LandscapeTopology.Analyze(l);
        var values = TopologicalMetric.Standard.ToDictionary(m => m.Name, m => m.Compute(a));
        Assert.Equal(a.Smad.Plain, values["smad"]);
        Assert.Equal(a.Smad.Normalized, values["smad_normalized"]);
        Assert.Equal(a.Smad.Weighted, values["smad_weighted"]);
        Assert.Equal(a.PersistenceRange, values["persistence_range"]);
        Assert.Equal(a.MinimumDiagram.FinitePairs.Sum(p => p.Persistence), values["total_persistence_minima"]);
        Assert.Equal(a.MinimumDiagram.Pairs.Count, new MinimaAbovePersistence(0).Compute(a));
        Assert.Equal(1, new MinimaAbovePersistence(403.9).Compute(a));
        Assert.Equal(42, TopologicalMetric.Create("answer", _ => 42).Compute(a));
        Assert.Throws<ArgumentException>("name", () => TopologicalMetric.Create(" ", _ => 0));
    }
}
