using System;

namespace Miro.Runtime.Energy;

/// <summary>Something the meter noticed, with a message a person can act on.</summary>
/// <param name="Elapsed">Time since the meter started.</param>
/// <param name="Kind">What happened.</param>
/// <param name="Message">Human-readable detail naming the file and what was done about it.</param>
/// <param name="ModelFilledJoules">Joules the model supplied for the affected interval.</param>
public sealed record MeterEvent(TimeSpan Elapsed, MeterEventKind Kind, string Message, double ModelFilledJoules);
