namespace Miro.Runtime.Energy;

/// <summary>Cumulative activity of the process: what the energy model needs besides wall time.</summary>
/// <param name="CpuSeconds">Process CPU time (user + system) in seconds.</param>
/// <param name="BytesRead">Bytes read from flash by the runtime.</param>
/// <param name="BytesWritten">Bytes written to flash by the runtime.</param>
internal readonly record struct ActivitySample(double CpuSeconds, long BytesRead, long BytesWritten);
