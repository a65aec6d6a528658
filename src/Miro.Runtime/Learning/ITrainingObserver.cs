namespace Miro.Runtime.Learning;

/// <summary>Receives every training step of a learner; the session implements it and fans out to hooks.</summary>
public interface ITrainingObserver
{
    /// <summary>True when the next step should count its correct predictions (costs a few tensor ops).</summary>
    bool AccuracyDue { get; }

    /// <summary>True when steps should report per-replay-row entropy and correctness (CarM's entropy swap gate).</summary>
    bool ReplayPredictionsDue => false;

    /// <summary>Called after each optimisation step.</summary>
    StepVerdict OnStep(in StepReport report);
}
