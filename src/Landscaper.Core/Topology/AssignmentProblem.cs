namespace Landscaper.Topology;

/// <summary>Minimum-cost perfect matching in a square cost matrix: the Hungarian algorithm (Kuhn–Munkres) in its
/// O(n³) shortest-augmenting-path form with row and column potentials.</summary>
public static class AssignmentProblem
{
    /// <summary>Solves min Σ_i cost[i, assignment[i]] over permutations.</summary>
    /// <returns>The column assigned to each row and the total cost.</returns>
    /// <exception cref="ArgumentException">The matrix is not square or has a non-finite entry.</exception>
    public static (int[] Assignment, double Cost) Solve(double[,] cost)
    {
        ArgumentNullException.ThrowIfNull(cost);
        int n = cost.GetLength(0);
        if (cost.GetLength(1) != n)
            throw new ArgumentException($"cost must be square (got {n}×{cost.GetLength(1)}).", nameof(cost));
        foreach (var c in cost)
            if (!double.IsFinite(c)) throw new ArgumentException("cost has a non-finite entry.", nameof(cost));
        if (n == 0) return ([], 0);

        // Rows and columns are 1-based below; column 0 is a virtual column holding the row being inserted.
        var rowPotential = new double[n + 1];
        var colPotential = new double[n + 1];
        var rowOfColumn = new int[n + 1];
        var previousColumn = new int[n + 1];
        var slack = new double[n + 1];
        var visited = new bool[n + 1];
        for (int row = 1; row <= n; row++)
        {
            rowOfColumn[0] = row;
            int column = 0;
            Array.Fill(slack, double.PositiveInfinity);
            Array.Fill(visited, false);
            // Grow a shortest-path tree of tight edges until it reaches a free column.
            do
            {
                visited[column] = true;
                int r = rowOfColumn[column], nextColumn = 0;
                double delta = double.PositiveInfinity;
                for (int j = 1; j <= n; j++)
                {
                    if (visited[j]) continue;
                    double reduced = cost[r - 1, j - 1] - rowPotential[r] - colPotential[j];
                    if (reduced < slack[j]) { slack[j] = reduced; previousColumn[j] = column; }
                    if (slack[j] < delta) { delta = slack[j]; nextColumn = j; }
                }
                for (int j = 0; j <= n; j++)
                {
                    if (visited[j]) { rowPotential[rowOfColumn[j]] += delta; colPotential[j] -= delta; }
                    else slack[j] -= delta;
                }
                column = nextColumn;
            } while (rowOfColumn[column] != 0);
            // Flip the augmenting path back to the virtual column.
            do
            {
                int previous = previousColumn[column];
                rowOfColumn[column] = rowOfColumn[previous];
                column = previous;
            } while (column != 0);
        }

        var assignment = new int[n];
        for (int j = 1; j <= n; j++) assignment[rowOfColumn[j] - 1] = j - 1;
        double total = 0;
        for (int i = 0; i < n; i++) total += cost[i, assignment[i]];
        return (assignment, total);
    }
}
