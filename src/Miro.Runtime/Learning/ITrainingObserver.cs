namespace Miro.Runtime.Learning;

/// <summary>Receives every training step of a learner; the session implements it and fans out to hooks.</summary>
public interface ITrainingObserver
{
    /// <summary>True when the next step should count its correct predictions (costs a few tensor ops).</summary>
    bool AccuracyDue { get; }

    /// <summary>Called after each optimisation step.</summary>
    StepVerdict OnStep(in StepReport report);
}
