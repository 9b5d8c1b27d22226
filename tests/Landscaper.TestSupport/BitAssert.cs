using Xunit;

namespace Landscaper.Tests;

/// <summary>Bit-level equality of floating-point arrays (distinguishes −0 from 0 and NaN payloads).</summary>
public static class BitAssert
{
    /// <summary>Fails at the first index whose IEEE-754 bit patterns differ.</summary>
    public static void SameBits(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(BitConverter.DoubleToInt64Bits(expected[i]) == BitConverter.DoubleToInt64Bits(actual[i]),
                $"value {i}: expected {expected[i]:R}, got {actual[i]:R}");
    }
}
