namespace Miro.Runtime.Energy.Calibration;

/// <summary>One calibration probe: what ran, for how long, and the joules a real meter measured.</summary>
/// <param name="Name">The probe (<c>idle</c>, <c>gemm</c>, <c>memcopy</c>, <c>read</c>, <c>write+fsync</c>).</param>
/// <param name="WallSeconds">Wall-clock duration.</param>
/// <param name="CpuSeconds">Process CPU time used.</param>
/// <param name="BytesRead">Bytes read from flash.</param>
/// <param name="BytesWritten">Bytes written to flash.</param>
/// <param name="Joules">Energy measured by the sensor.</param>
public sealed record CalibrationProbe(string Name, double WallSeconds, double CpuSeconds, long BytesRead, long BytesWritten, double Joules);
