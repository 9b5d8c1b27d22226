namespace Landscaper.Synthetic;

/// <summary>One Gaussian well: −Depth · exp(−‖x − Centre‖² / (2 Width²)).</summary>
/// <param name="Centre">Centre (one coordinate per dimension).</param>
/// <param name="Depth">Depth (&gt; 0 for a well, &lt; 0 for a hill).</param>
/// <param name="Width">Standard deviation (&gt; 0).</param>
public sealed record GaussianWell(IReadOnlyList<double> Centre, double Depth, double Width);
