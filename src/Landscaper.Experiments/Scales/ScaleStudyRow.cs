namespace Landscaper.Scales;

/// <summary>One analysed landscape of the scale study (one CSV row).</summary>
/// <param name="Setting">"profile" (scale ladder), "dimension" (2-D/3-D/4-D at one radius) or "precision" (float64 repeat).</param>
/// <param name="Model">Architecture.</param>
/// <param name="Seed">Seed of the run.</param>
/// <param name="Checkpoint">Index of the analysed checkpoint (0 = step 0).</param>
/// <param name="IsLast">True for the last checkpoint.</param>
/// <param name="Step">Training step.</param>
/// <param name="Epoch">Training epoch (fractional).</param>
/// <param name="DType">"float32" or "float64".</param>
/// <param name="Directions">"hessian" or "filter".</param>
/// <param name="Convention">"relative" or "absolute".</param>
/// <param name="Radius">Ladder value: a fraction of ‖θ‖ (relative) or of ‖θ at step 0‖ (absolute).</param>
/// <param name="HalfWidth">Half-width of every axis in parameter units.</param>
/// <param name="ThetaNorm">‖θ‖ at this checkpoint.</param>
/// <param name="Dims">Grid dimensions.</param>
/// <param name="Steps">Points per axis.</param>
/// <param name="View">"full" (the whole grid) or "slice" (the centre 2-D slice of a 3-D/4-D grid: axes 1–2, others at θ).</param>
/// <param name="Minima">Local minima.</param>
/// <param name="Smad">SMAD (loss units).</param>
/// <param name="SmadNormalized">SMAD / (max − min).</param>
/// <param name="SmadWeighted">Basin-weighted normalised SMAD.</param>
/// <param name="TotalPersistence">Sum of the minima's finite persistences.</param>
/// <param name="PersistenceRange">The package's persistence_range.</param>
/// <param name="ValueRange">max − min of the landscape.</param>
/// <param name="CentreLoss">Loss at θ.</param>
/// <param name="LambdaMax">Top Hessian eigenvalue at this checkpoint.</param>
/// <param name="Trace">Hessian trace (Hutch++) at this checkpoint.</param>
/// <param name="TestLoss">Test loss at this checkpoint.</param>
/// <param name="TestAccuracy">Test accuracy at this checkpoint.</param>
/// <param name="Seconds">Sampling and analysis time of this landscape.</param>
public sealed record ScaleStudyRow(string Setting, string Model, int Seed, int Checkpoint, bool IsLast, int Step, double Epoch, string DType,
    string Directions, string Convention, double Radius, double HalfWidth, double ThetaNorm, int Dims, int Steps, string View, int Minima, double Smad,
    double SmadNormalized, double SmadWeighted, double TotalPersistence, double PersistenceRange, double ValueRange, double CentreLoss,
    double LambdaMax, double Trace, double TestLoss, double TestAccuracy, double Seconds);
