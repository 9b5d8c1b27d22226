using Landscaper.Statistics;

namespace Landscaper.Tests.Experiments;

public class ExperimentStatisticsTests
{
    [Fact]
    public void Mean_and_sample_sd_match_hand_computation()
    {
        // mean 40/8 = 5; squared deviations 9+1+1+1+0+0+4+16 = 32; sample variance 32/7.
        var m = ExperimentStatistics.MeanSd([2, 4, 4, 4, 5, 5, 7, 9]);
        Assert.Equal(5, m.Mean, 12);
        Assert.Equal(Math.Sqrt(32.0 / 7), m.Sd, 12);
        Assert.Equal(8, m.Count);
        Assert.Equal(0, ExperimentStatistics.MeanSd([3.5]).Sd);
    }

    [Fact]
    public void Ties_get_average_ranks()
    {
        Assert.Equal([1, 2.5, 2.5, 4], ExperimentStatistics.AverageRanks([10, 20, 20, 30]));
        Assert.Equal([3, 1, 3, 3], ExperimentStatistics.AverageRanks([7, 1, 7, 7]));   // ranks 2,3,4 → 3
    }

    [Fact]
    public void Spearman_with_ties_matches_hand_computation()
    {
        // ranks y = [1, 2, 3.5, 5, 3.5]; centred: x [-2,-1,0,1,2], y [-2,-1,0.5,2,0.5]; Σxy = 8, Σx² = 10, Σy² = 9.5.
        double rho = ExperimentStatistics.Spearman([1, 2, 3, 4, 5], [5, 6, 7, 8, 7]);
        Assert.Equal(8 / Math.Sqrt(95), rho, 12);
    }

    [Fact]
    public void Spearman_of_monotone_series_is_plus_or_minus_one_and_nan_when_constant()
    {
        Assert.Equal(1, ExperimentStatistics.Spearman([1, 2, 3, 4], [1, 10, 100, 1000]), 12);
        Assert.Equal(-1, ExperimentStatistics.Spearman([1, 2, 3, 4], [4, 3, 2, 1]), 12);
        Assert.True(double.IsNaN(ExperimentStatistics.Spearman([1, 2, 3], [5, 5, 5])));
    }

    [Fact]
    public void Invalid_input_names_the_argument()
    {
        Assert.Equal("y", Assert.Throws<ArgumentException>(() => ExperimentStatistics.Spearman([1, 2], [1, 2, 3])).ParamName);
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => ExperimentStatistics.Spearman([1], [1])).ParamName);
        Assert.Equal("values", Assert.Throws<ArgumentException>(() => ExperimentStatistics.MeanSd([1, double.NaN])).ParamName);
        Assert.Equal("values", Assert.Throws<ArgumentException>(() => ExperimentStatistics.MeanSd([])).ParamName);
    }
}
