namespace Landscaper.Chemistry;

/// <summary>A Cartesian position in ångström (Å).</summary>
/// <param name="X">x coordinate, Å.</param>
/// <param name="Y">y coordinate, Å.</param>
/// <param name="Z">z coordinate, Å.</param>
public readonly record struct Point3(double X, double Y, double Z)
{
    /// <summary>Euclidean distance to <paramref name="other"/>, Å.</summary>
    public double DistanceTo(Point3 other)
    {
        double dx = X - other.X, dy = Y - other.Y, dz = Z - other.Z;
        return Math.Sqrt(dx * dx + dy * dy + dz * dz);
    }
}
