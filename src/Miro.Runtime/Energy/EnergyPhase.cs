namespace Miro.Runtime.Energy;

/// <summary>The phases of a continual-learning run that energy is attributed to (DESIGN.md §4.3).</summary>
public enum EnergyPhase
{
    /// <summary>Forward and backward passes of training.</summary>
    TrainCompute,
    /// <summary>Reading replay samples (episodic memory refills, loaders).</summary>
    ReplayIo,
    /// <summary>CarM swapping between the episodic memory and the flash store.</summary>
    StorageSwap,
    /// <summary>Online profiling of candidate configurations.</summary>
    Profiling,
    /// <summary>Evaluation on the test data seen so far.</summary>
    Evaluation,
    /// <summary>Everything else: the device is on but the runtime is in no other phase.</summary>
    Idle,
}
