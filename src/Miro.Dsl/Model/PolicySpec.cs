namespace Miro.Dsl.Model;

/// <summary>
/// One bound <c>policy</c> block: the single model that the generator emits as C# and the runtime
/// consumes. All quantities are in SI units (bytes, joules, watts, seconds); fractions are in [0, 1];
/// counts are integers. Records compare by value, so a spec loaded at run time equals the same spec
/// compiled by the generator.
/// </summary>
/// <param name="Name">The policy's name (<c>policy JetsonNano { ... }</c>).</param>
/// <param name="Namespace">The namespace the generator emits into, when the spec names one.</param>
/// <param name="Device">The device block.</param>
/// <param name="Data">The data block (dataset, task split, sample size).</param>
/// <param name="Memory">The memory hierarchy.</param>
/// <param name="Train">Training settings.</param>
/// <param name="Budgets">Energy budgets (none when the spec has no budget block).</param>
/// <param name="Tunables">Tunable parameters and their candidate values, in declaration order.</param>
/// <param name="Profile">Online profiling settings; null when the spec has no profile block.</param>
/// <param name="Rules"><c>when</c> rules, in declaration order.</param>
public sealed record PolicySpec(
    string Name,
    string? Namespace,
    DeviceSpec Device,
    DataSpec Data,
    MemorySpec Memory,
    TrainSpec Train,
    EquatableArray<BudgetSpec> Budgets,
    EquatableArray<TunableSpec> Tunables,
    ProfileSpec? Profile,
    EquatableArray<WhenRuleSpec> Rules);

/// <summary>The device: DRAM, flash storage, board power and the energy meter to use.</summary>
/// <param name="DramBytes">Installed DRAM in bytes.</param>
/// <param name="Storage">The flash device, when declared.</param>
/// <param name="Power">Board power when idle and when all cores are busy.</param>
/// <param name="Meter">Which energy meter to use.</param>
/// <param name="ComputeJoulesPerFlop">Optional energy per floating-point operation (from <c>compute X pJ/flop</c>).</param>
public sealed record DeviceSpec(
    long DramBytes,
    StorageDeviceSpec? Storage,
    PowerSpec Power,
    MeterKind Meter,
    double? ComputeJoulesPerFlop);

/// <summary>A flash storage device and its energy cost per byte.</summary>
/// <param name="Kind">The storage technology as written (<c>emmc</c>, <c>sd</c>, <c>nvme</c>, <c>ssd</c>, <c>ufs</c>).</param>
/// <param name="CapacityBytes">Capacity in bytes.</param>
/// <param name="ReadJoulesPerByte">Energy per byte read, in J/B.</param>
/// <param name="WriteJoulesPerByte">Energy per byte written, in J/B.</param>
public sealed record StorageDeviceSpec(string Kind, long CapacityBytes, double ReadJoulesPerByte, double WriteJoulesPerByte);

/// <summary>Board power in watts.</summary>
public sealed record PowerSpec(double IdleWatts, double ActiveWatts);

/// <summary>The energy meter source (DESIGN.md §4.3).</summary>
public enum MeterKind
{
    /// <summary>Pick the best readable sensor; fall back to the model.</summary>
    Auto,
    /// <summary>Jetson INA3221 power monitor.</summary>
    Ina3221,
    /// <summary>Intel RAPL powercap counters.</summary>
    Rapl,
    /// <summary>hwmon energy or power sensors.</summary>
    Hwmon,
    /// <summary>Laptop or phone battery discharge.</summary>
    Battery,
    /// <summary>The energy model from the device block (always available).</summary>
    Model,
}

/// <summary>The data the policy trains on.</summary>
/// <param name="Dataset">Dataset name (<c>fashion_mnist</c>, <c>mnist</c>, <c>cifar10</c>, <c>cifar100</c>).</param>
/// <param name="Tasks">Number of class-incremental tasks.</param>
/// <param name="ClassesPerTask">Classes per task.</param>
/// <param name="SampleBytes">Bytes one sample occupies in DRAM (used to check that memories fit).</param>
/// <param name="ValidationFraction">Fraction of each task's stream held out for profiling validation.</param>
/// <param name="ClassOrder">The class order: <c>null</c> for a seeded shuffle, or an explicit order.</param>
public sealed record DataSpec(
    string Dataset,
    int Tasks,
    int ClassesPerTask,
    long SampleBytes,
    double ValidationFraction,
    EquatableArray<int>? ClassOrder);

/// <summary>The memory hierarchy (DESIGN.md §4.1).</summary>
/// <param name="Stream">The stream buffer in DRAM.</param>
/// <param name="Episodic">The episodic (replay) memory in DRAM.</param>
/// <param name="Storage">The sample store on flash, when declared.</param>
/// <param name="Swap">CarM swapping between the episodic memory and the store, when declared.</param>
public sealed record MemorySpec(StreamSpec Stream, EpisodicSpec Episodic, StorageTierSpec? Storage, SwapSpec? Swap);

/// <summary>The stream buffer: current-task samples kept in DRAM.</summary>
public sealed record StreamSpec(int Capacity);

/// <summary>The episodic memory: replay slots in DRAM.</summary>
public sealed record EpisodicSpec(int Capacity, EpisodicSelection Selection);

/// <summary>How the episodic memory chooses which samples to keep.</summary>
public enum EpisodicSelection
{
    /// <summary>Class-balanced slots, ring-buffer update at task end (the reference behaviour).</summary>
    Balanced,
    /// <summary>Reservoir sampling over the stream.</summary>
    Reservoir,
}

/// <summary>The sample store on flash.</summary>
/// <param name="CapacityBytes">Capacity in bytes; null means unbounded.</param>
/// <param name="Path">Directory of the store, relative to the run's working directory.</param>
/// <param name="OnCorrupt">What a run does when a stored sample fails its checksum at read time (<c>on corrupt skip|fail</c>).</param>
public sealed record StorageTierSpec(long? CapacityBytes, string Path, CorruptSampleAction OnCorrupt = CorruptSampleAction.Skip);

/// <summary>What a run does when a stored sample fails its checksum at read time.</summary>
public enum CorruptSampleAction
{
    /// <summary>Withdraw the sample from draws, report it (count and ids) and go on: one bad flash page does not cost a week-long run.</summary>
    Skip,
    /// <summary>Stop the run with an error naming the store and the sample.</summary>
    Fail,
}

/// <summary>CarM swapping.</summary>
/// <param name="Ratio">Fraction in (0, 1] of a batch's episodic slots to replace.</param>
/// <param name="EveryEpochs">Swap only every k-th epoch.</param>
/// <param name="Policy">Which slots to swap.</param>
public sealed record SwapSpec(double Ratio, int EveryEpochs, SwapPolicy Policy);

/// <summary>Which episodic slots the swap worker replaces.</summary>
public enum SwapPolicy
{
    /// <summary>A random subset of the batch's slots.</summary>
    Random,
    /// <summary>CarM's gate: per-class quotas, confidently-correct low-entropy samples first.</summary>
    Entropy,
}

/// <summary>Training settings.</summary>
/// <param name="Model">The network.</param>
/// <param name="Learner">The CL method.</param>
/// <param name="Epochs">Epochs per task.</param>
/// <param name="Batch">Minibatch size.</param>
/// <param name="Threads">TorchSharp intra-op threads.</param>
/// <param name="Replay">How replay samples are mixed into training.</param>
/// <param name="Loss">Loss function.</param>
/// <param name="Optimizer">Optimizer and its hyper-parameters.</param>
public sealed record TrainSpec(
    ModelSpec Model,
    LearnerKind Learner,
    int Epochs,
    int Batch,
    int Threads,
    ReplayMix Replay,
    LossKind Loss,
    OptimizerSpec Optimizer);

/// <summary>A network architecture, its initial weights and its classifier head.</summary>
/// <param name="Kind">Architecture.</param>
/// <param name="Hidden">Hidden layer widths (MLP only; empty otherwise).</param>
/// <param name="Init">How weights are initialised (<c>model mlp(init: xavier)</c>).</param>
/// <param name="Head">Whether the head grows per task or has every class of the data set from task 1 (<c>head fixed</c>).</param>
/// <param name="HeadClasses">Outputs of a fixed head: the data set's class count; 0 for an incremental head.</param>
public sealed record ModelSpec(
    ModelKind Kind,
    EquatableArray<int> Hidden,
    WeightInit Init = WeightInit.Default,
    HeadKind Head = HeadKind.Incremental,
    int HeadClasses = 0);

/// <summary>Weight initialisation of the fully connected and convolutional layers.</summary>
public enum WeightInit
{
    /// <summary>TorchSharp's layer defaults (weights and biases uniform in ±1/√fan_in).</summary>
    Default,
    /// <summary>Xavier (Glorot) uniform weights, U(±√(6/(fan_in + fan_out))), zero biases: the DER/Mammoth and CarM reference code.</summary>
    Xavier,
    /// <summary>Kaiming (He) uniform weights for ReLU, U(±√(6/fan_in)), zero biases.</summary>
    Kaiming,
}

/// <summary>The classifier head.</summary>
public enum HeadKind
{
    /// <summary>One output per class seen so far; grows when a task brings new classes.</summary>
    Incremental,
    /// <summary>One output per class of the data set from task 1; loss and evaluation use all of them (the reference protocols).</summary>
    Fixed,
}

/// <summary>Supported architectures.</summary>
public enum ModelKind
{
    /// <summary>Multi-layer perceptron: <c>mlp(hidden: [100, 100])</c>.</summary>
    Mlp,
    /// <summary>A small two-convolution CNN: <c>cnn</c>.</summary>
    Cnn,
    /// <summary>ResNet-18: <c>resnet18</c>.</summary>
    ResNet18,
    /// <summary>Reduced ResNet-18 (width 20) as in GEM/ER papers: <c>reduced_resnet18</c>.</summary>
    ReducedResNet18,
}

/// <summary>Continual-learning method.</summary>
public enum LearnerKind
{
    /// <summary>Experience replay over [EM | SB] for <c>epochs</c> epochs (reference Miro/CarM).</summary>
    Er,
    /// <summary>Online ER: one pass over the stream, each step with a replay minibatch (DER protocol).</summary>
    OnlineEr,
}

/// <summary>How replay samples are mixed into training (DESIGN.md §4.2).</summary>
public enum ReplayMix
{
    /// <summary>Train over the shuffled concatenation [EM | SB].</summary>
    Concat,
    /// <summary>Each step: a stream batch plus an equal-size replay batch from EM.</summary>
    Balanced,
}

/// <summary>Loss function.</summary>
public enum LossKind
{
    /// <summary>Cross-entropy over the seen classes.</summary>
    CrossEntropy,
    /// <summary>Binary cross-entropy on one-hot targets over the seen classes (reference code).</summary>
    Bce,
}

/// <summary>Optimizer.</summary>
/// <param name="Kind">Algorithm.</param>
/// <param name="LearningRate">Learning rate.</param>
/// <param name="Momentum">Momentum (SGD only).</param>
/// <param name="WeightDecay">L2 weight decay.</param>
public sealed record OptimizerSpec(OptimizerKind Kind, double LearningRate, double Momentum, double WeightDecay);

/// <summary>Optimizer algorithms.</summary>
public enum OptimizerKind
{
    /// <summary>Stochastic gradient descent.</summary>
    Sgd,
    /// <summary>Adam.</summary>
    Adam,
}

/// <summary>An energy budget: <c>energy 40 kJ per task on exceed degrade</c>.</summary>
/// <param name="EnergyJoules">The budget in joules.</param>
/// <param name="Scope">Per task or per run.</param>
/// <param name="OnExceed">What to do when it is exceeded.</param>
public sealed record BudgetSpec(double EnergyJoules, BudgetScope Scope, ExceedAction OnExceed);

/// <summary>What an energy budget covers.</summary>
public enum BudgetScope
{
    /// <summary>Each task.</summary>
    PerTask,
    /// <summary>The whole run.</summary>
    PerRun,
}

/// <summary>What happens when a budget is exceeded.</summary>
public enum ExceedAction
{
    /// <summary>End the task cleanly.</summary>
    Stop,
    /// <summary>Reduce replay / epochs to land under the budget.</summary>
    Degrade,
    /// <summary>Report and continue.</summary>
    Warn,
}

/// <summary>A tunable parameter and its candidate values, in the parameter's own unit
/// (counts for capacities/epochs/batch, a fraction in (0, 1] for the swap ratio).</summary>
public sealed record TunableSpec(TunableParameter Parameter, EquatableArray<double> Values);

/// <summary>The parameters a <c>tune</c> block may name.</summary>
public enum TunableParameter
{
    /// <summary><c>episodic.capacity</c> (samples).</summary>
    EpisodicCapacity,
    /// <summary><c>stream.capacity</c> (samples).</summary>
    StreamCapacity,
    /// <summary><c>swap.ratio</c> (fraction).</summary>
    SwapRatio,
    /// <summary><c>train.epochs</c>.</summary>
    Epochs,
    /// <summary><c>train.batch</c>.</summary>
    Batch,
}

/// <summary>Online profiling settings (DESIGN.md §5).</summary>
/// <param name="FromTask">First task (1-based) at which profiling runs.</param>
/// <param name="SampleFraction">Fraction of the stream and memories used by each trial.</param>
/// <param name="TrialEpochs">Epochs each candidate trains for.</param>
/// <param name="WarmupEpochs">Warm-start epochs before the trials.</param>
/// <param name="KeepTopFraction">Fraction of candidates kept by accuracy before applying the objective.</param>
/// <param name="Navigation">How candidates are enumerated.</param>
/// <param name="RandomFraction">For <see cref="NavigationKind.Random"/>, the fraction tried.</param>
/// <param name="Objective">What the profiler maximises.</param>
public sealed record ProfileSpec(
    int FromTask,
    double SampleFraction,
    int TrialEpochs,
    int WarmupEpochs,
    double KeepTopFraction,
    NavigationKind Navigation,
    double RandomFraction,
    Objective Objective);

/// <summary>Candidate navigation.</summary>
public enum NavigationKind
{
    /// <summary>Try every candidate.</summary>
    Grid,
    /// <summary>Try a seeded random fraction.</summary>
    Random,
}

/// <summary>Profiling objective.</summary>
public enum Objective
{
    /// <summary>Accuracy divided by estimated task energy.</summary>
    AccuracyPerJoule,
    /// <summary>Accuracy alone.</summary>
    Accuracy,
    /// <summary>Lowest energy.</summary>
    Energy,
}

/// <summary>A resource-state rule that narrows tunables: <c>when dram.available &lt; 1 GiB { ... }</c>.</summary>
/// <param name="Condition">When the rule applies.</param>
/// <param name="Tunables">Narrowed candidate sets (each a subset of the declared one).</param>
public sealed record WhenRuleSpec(ResourceCondition Condition, EquatableArray<TunableSpec> Tunables);

/// <summary>A comparison of a resource reading against a threshold (in SI units / fractions).</summary>
public sealed record ResourceCondition(ResourceKind Resource, Comparison Comparison, double Threshold);

/// <summary>The resources a <c>when</c> rule can test.</summary>
public enum ResourceKind
{
    /// <summary><c>dram.available</c>, bytes.</summary>
    DramAvailable,
    /// <summary><c>storage.free</c>, bytes.</summary>
    StorageFree,
    /// <summary><c>battery.level</c>, fraction in [0, 1].</summary>
    BatteryLevel,
}

/// <summary>Comparison operators.</summary>
public enum Comparison
{
    /// <summary><c>&lt;</c></summary>
    Less,
    /// <summary><c>&lt;=</c></summary>
    LessOrEqual,
    /// <summary><c>&gt;</c></summary>
    Greater,
    /// <summary><c>&gt;=</c></summary>
    GreaterOrEqual,
}
