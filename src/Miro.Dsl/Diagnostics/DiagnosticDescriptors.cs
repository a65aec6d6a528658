namespace Miro.Dsl.Diagnostics;

/// <summary>
/// The catalog of every diagnostic the .miro compiler reports. IDs are stable: a retired ID is never
/// reused. docs/diagnostics.md lists each with a minimal triggering input and the fix.
/// </summary>
public static class DiagnosticDescriptors
{
    // ---- MIRO1xxx: syntax ----

    /// <summary>A token that the grammar does not allow here.</summary>
    public static readonly DiagnosticDescriptor UnexpectedToken = new(
        DiagnosticIds.UnexpectedToken, MiroSeverity.Error, "Unexpected token",
        "unexpected {0}; expected {1}");

    /// <summary>A <c>/*</c> comment that never closes.</summary>
    public static readonly DiagnosticDescriptor UnterminatedComment = new(
        DiagnosticIds.UnterminatedComment, MiroSeverity.Error, "Unterminated comment",
        "comment is not closed; end it with */");

    /// <summary>A string literal without its closing quote on the same line.</summary>
    public static readonly DiagnosticDescriptor UnterminatedString = new(
        DiagnosticIds.UnterminatedString, MiroSeverity.Error, "Unterminated string",
        "string is not closed; end it with \" on the same line");

    /// <summary>A word that does not start any setting or section allowed in this block.</summary>
    public static readonly DiagnosticDescriptor UnknownSetting = new(
        DiagnosticIds.UnknownSetting, MiroSeverity.Error, "Unknown setting or section",
        "'{0}' is not allowed in {1}{3}; expected {2}");

    /// <summary>A block opened with <c>{</c> that reaches the end of the file.</summary>
    public static readonly DiagnosticDescriptor MissingCloseBrace = new(
        DiagnosticIds.MissingCloseBrace, MiroSeverity.Error, "Missing closing brace",
        "{0} is not closed; add '}}' at its end");

    /// <summary>A file with no <c>policy</c> block.</summary>
    public static readonly DiagnosticDescriptor NoPolicy = new(
        DiagnosticIds.NoPolicy, MiroSeverity.Error, "No policy",
        "the file declares no policy; write 'policy Name {{ ... }}'");

    /// <summary>The compiler itself failed; a bug to report, never the spec's fault.</summary>
    public static readonly DiagnosticDescriptor InternalError = new(
        DiagnosticIds.InternalError, MiroSeverity.Error, "Internal compiler error",
        "internal compiler error ({0}); please report it with the spec that caused it");

    // ---- MIRO2xxx: semantics ----

    /// <summary>A name (meter, model, learner, dataset, ...) that is not one of the allowed values.</summary>
    public static readonly DiagnosticDescriptor UnknownName = new(
        DiagnosticIds.UnknownName, MiroSeverity.Error, "Unknown name",
        "unknown {0} '{1}'{3}; use {2}");

    /// <summary>A section, setting, argument, tunable or policy declared twice.</summary>
    public static readonly DiagnosticDescriptor Duplicate = new(
        DiagnosticIds.Duplicate, MiroSeverity.Error, "Duplicate declaration",
        "{0} is declared twice; keep one (the first is at line {1})");

    /// <summary>A quantity whose unit measures something else.</summary>
    public static readonly DiagnosticDescriptor UnitKindMismatch = new(
        DiagnosticIds.UnitKindMismatch, MiroSeverity.Error, "Wrong kind of unit",
        "unit '{0}' is not {1}; use {2}");

    /// <summary>A unit that the language does not know.</summary>
    public static readonly DiagnosticDescriptor UnknownUnit = new(
        DiagnosticIds.UnknownUnit, MiroSeverity.Error, "Unknown unit",
        "unknown unit '{0}'{1}; {2} takes {3}");

    /// <summary>A bare number where a unit is required.</summary>
    public static readonly DiagnosticDescriptor MissingUnit = new(
        DiagnosticIds.MissingUnit, MiroSeverity.Error, "Missing unit",
        "{0} needs a unit; write e.g. {1}{2}");

    /// <summary>A value outside its allowed range.</summary>
    public static readonly DiagnosticDescriptor OutOfRange = new(
        DiagnosticIds.OutOfRange, MiroSeverity.Error, "Value out of range",
        "{0} is {1}; it must be {2}");

    /// <summary>A required section or setting is absent.</summary>
    public static readonly DiagnosticDescriptor MissingRequired = new(
        DiagnosticIds.MissingRequired, MiroSeverity.Error, "Missing required setting",
        "{0} is missing {1}; add e.g. '{2}'");

    /// <summary>A <c>tune</c> path that names no tunable parameter.</summary>
    public static readonly DiagnosticDescriptor UnknownTunable = new(
        DiagnosticIds.UnknownTunable, MiroSeverity.Error, "Unknown tunable",
        "'{0}' is not a tunable parameter{1}; use episodic.capacity, stream.capacity, swap.ratio, train.epochs or train.batch");

    /// <summary>A tune value of the wrong kind for its parameter.</summary>
    public static readonly DiagnosticDescriptor TuneValueKind = new(
        DiagnosticIds.TuneValueKind, MiroSeverity.Error, "Tune value of the wrong kind",
        "'{0}' is not a valid value for {1}; use {2}");

    /// <summary>A <c>when</c> rule that widens a tunable instead of narrowing it.</summary>
    public static readonly DiagnosticDescriptor WhenWidens = new(
        DiagnosticIds.WhenWidens, MiroSeverity.Error, "When rule widens a tunable",
        "{0}; a when rule may only narrow the tune block's values {1}");

    /// <summary>Swapping declared without a storage tier to swap from.</summary>
    public static readonly DiagnosticDescriptor SwapWithoutStorage = new(
        DiagnosticIds.SwapWithoutStorage, MiroSeverity.Error, "Swapping without a storage tier",
        "swapping needs a storage tier to read samples from; add 'storage capacity 512 MiB' to memory or remove swap");

    /// <summary>A profile block with fewer than two candidate configurations.</summary>
    public static readonly DiagnosticDescriptor TooFewCandidates = new(
        DiagnosticIds.TooFewCandidates, MiroSeverity.Error, "Too few profiling candidates",
        "profiling needs at least two candidate configurations but the tune block gives {0}; add values to tune or remove profile");

    /// <summary>Memory sizes that cannot fit in the device's DRAM.</summary>
    public static readonly DiagnosticDescriptor DoesNotFitDram = new(
        DiagnosticIds.DoesNotFitDram, MiroSeverity.Error, "Does not fit DRAM",
        "{0} needs {1} of DRAM ({2} samples of {3}) but the device has {4}; lower the capacity or the sample size");

    /// <summary>A malformed range such as a zero step or a start above the end.</summary>
    public static readonly DiagnosticDescriptor InvalidRange = new(
        DiagnosticIds.InvalidRange, MiroSeverity.Error, "Invalid range",
        "{0}; write a range as [from .. to step s] with from <= to and s > 0");

    /// <summary>A fractional number where a whole number is required.</summary>
    public static readonly DiagnosticDescriptor NotWholeNumber = new(
        DiagnosticIds.NotWholeNumber, MiroSeverity.Error, "Not a whole number",
        "{0} must be a whole number, not {1}; write e.g. {2}");

    /// <summary>An argument that the model or optimizer does not take.</summary>
    public static readonly DiagnosticDescriptor UnknownArgument = new(
        DiagnosticIds.UnknownArgument, MiroSeverity.Error, "Unknown argument",
        "{0} takes no argument '{1}'; {2}");

    /// <summary>A class order that is not a list of distinct dataset classes of the right length.</summary>
    public static readonly DiagnosticDescriptor InvalidClassOrder = new(
        DiagnosticIds.InvalidClassOrder, MiroSeverity.Error, "Invalid class order",
        "{0}; list {1} distinct class ids from 0 to {2}");

    /// <summary>More classes requested than the dataset has.</summary>
    public static readonly DiagnosticDescriptor TooManyClasses = new(
        DiagnosticIds.TooManyClasses, MiroSeverity.Error, "More classes than the dataset has",
        "{0} tasks of {1} classes need {2} classes but {3} has {4}; lower tasks or classes per task");

    /// <summary>A storage tier larger than the device's flash.</summary>
    public static readonly DiagnosticDescriptor StorageTierTooLarge = new(
        DiagnosticIds.StorageTierTooLarge, MiroSeverity.Error, "Storage tier larger than the device",
        "the storage tier ({0}) is larger than the device's {1} storage ({2}); lower it or declare the real device size");

    /// <summary>Profiling that starts after the last task, so it never runs.</summary>
    public static readonly DiagnosticDescriptor ProfilingNeverRuns = new(
        DiagnosticIds.ProfilingNeverRuns, MiroSeverity.Warning, "Profiling never runs",
        "profiling starts at task {0} but the data has {1} tasks, so it never runs; use 'from task {1}' or lower");

    /// <summary>A tunable whose setting is not declared (e.g. swap.ratio without swap).</summary>
    public static readonly DiagnosticDescriptor TunableWithoutSetting = new(
        DiagnosticIds.TunableWithoutSetting, MiroSeverity.Error, "Tunable without its setting",
        "{0} is tuned but memory declares no {1}; add '{2}' to memory or remove the tunable");

    /// <summary>A policy or namespace name that C# reserves, so the generated class could not compile.</summary>
    public static readonly DiagnosticDescriptor ReservedName = new(
        DiagnosticIds.ReservedName, MiroSeverity.Error, "Name reserved by C#",
        "'{0}' is a C# keyword and cannot name the generated {1}; rename it, e.g. '{2}'");

    /// <summary>An <c>init</c> model argument that names no initialisation.</summary>
    public static readonly DiagnosticDescriptor UnknownInit = new(
        DiagnosticIds.UnknownInit, MiroSeverity.Error, "Unknown weight initialisation",
        "unknown init '{0}'{1}; use default (TorchSharp's layer defaults), xavier (Xavier-uniform weights, zero biases, as the DER and CarM reference code) or kaiming (He-uniform weights, zero biases)");

    /// <summary>A <c>head</c> setting that names no head.</summary>
    public static readonly DiagnosticDescriptor UnknownHead = new(
        DiagnosticIds.UnknownHead, MiroSeverity.Error, "Unknown head",
        "unknown head '{0}'{1}; use incremental (one output per class seen so far) or fixed (one output per class of {2} from task 1)");

    /// <summary>A fixed head with outputs for classes that no task brings.</summary>
    public static readonly DiagnosticDescriptor FixedHeadUnusedClasses = new(
        DiagnosticIds.FixedHeadUnusedClasses, MiroSeverity.Warning, "Fixed head with classes no task brings",
        "the fixed head has {0} outputs ({1} has {0} classes) but the tasks bring only {2}; the other outputs are never a target but still take part in the loss and in predictions. Use 'head incremental', or tasks that cover the data set");

    /// <summary>A batch whose training step cannot fit DRAM next to the memories.</summary>
    public static readonly DiagnosticDescriptor BatchDoesNotFitDram = new(
        DiagnosticIds.BatchDoesNotFitDram, MiroSeverity.Error, "Batch does not fit DRAM",
        "batch {0} needs {1} of DRAM for one training step next to the memories ({2} samples of {3}: episodic and stream capacity plus twice the batch) but the device has {4}; lower the batch");

    /// <summary>Every descriptor, in ID order (docs and tests enumerate it).</summary>
    public static readonly DiagnosticDescriptor[] All =
    {
        UnexpectedToken, UnterminatedComment, UnterminatedString, UnknownSetting, MissingCloseBrace, NoPolicy, InternalError,
        UnknownName, Duplicate, UnitKindMismatch, UnknownUnit, MissingUnit, OutOfRange, MissingRequired, UnknownTunable,
        TuneValueKind, WhenWidens, SwapWithoutStorage, TooFewCandidates, DoesNotFitDram, InvalidRange, NotWholeNumber,
        UnknownArgument, InvalidClassOrder, TooManyClasses, StorageTierTooLarge, ProfilingNeverRuns, TunableWithoutSetting, ReservedName,
        UnknownInit, UnknownHead, FixedHeadUnusedClasses, BatchDoesNotFitDram,
    };
}
