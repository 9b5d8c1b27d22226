namespace Landscaper.Topology;

/// <summary>Maximum bipartite matching by augmenting paths (Kuhn's algorithm) on a dense threshold graph.</summary>
internal static class BipartiteMatching
{
    /// <summary>Whether rows and columns of the square <paramref name="cost"/> can be perfectly matched using only
    /// entries ≤ <paramref name="threshold"/>.</summary>
    public static bool HasPerfectMatching(double[,] cost, double threshold)
    {
        int n = cost.GetLength(0);
        var rowOfColumn = new int[n];
        Array.Fill(rowOfColumn, -1);
        var seen = new bool[n];
        for (int row = 0; row < n; row++)
        {
            Array.Fill(seen, false);
            if (!Augment(row)) return false;
        }
        return true;

        bool Augment(int row)
        {
            for (int j = 0; j < n; j++)
            {
                if (seen[j] || cost[row, j] > threshold) continue;
                seen[j] = true;
                if (rowOfColumn[j] < 0 || Augment(rowOfColumn[j])) { rowOfColumn[j] = row; return true; }
            }
            return false;
        }
    }
}
