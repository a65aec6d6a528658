using Microsoft.CodeAnalysis;
using Miro.Dsl.Diagnostics;
using DiagnosticDescriptor = Microsoft.CodeAnalysis.DiagnosticDescriptor;

namespace Miro.Generators;

/// <summary>
/// Compiler descriptors for the language's diagnostics (<c>MIRO1xxx</c>, <c>MIRO2xxx</c>): the ID and
/// title come from the Dsl catalog (<see cref="DiagnosticIds"/>, <see cref="DiagnosticDescriptors"/>);
/// the severity is written out because the release-tracking analyzers (AnalyzerReleases.*.md) read
/// it as a constant, and a test holds it equal to the catalog's. The language formats its own
/// messages, so each format is the message itself.
/// </summary>
internal static class LanguageDiagnostics
{
    private const string Category = "Miro";

    public static readonly DiagnosticDescriptor UnexpectedToken = new(DiagnosticIds.UnexpectedToken, DiagnosticDescriptors.UnexpectedToken.Title, "{0}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);
    public static readonly DiagnosticDescriptor UnterminatedComment = new(DiagnosticIds.UnterminatedComment, DiagnosticDescriptors.UnterminatedComment.Title, "{0}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);
    public static readonly DiagnosticDescriptor UnterminatedString = new(DiagnosticIds.UnterminatedString, DiagnosticDescriptors.UnterminatedString.Title, "{0}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);
    public static readonly DiagnosticDescriptor UnknownSetting = new(DiagnosticIds.UnknownSetting, DiagnosticDescriptors.UnknownSetting.Title, "{0}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);
    public static readonly DiagnosticDescriptor MissingCloseBrace = new(DiagnosticIds.MissingCloseBrace, DiagnosticDescriptors.MissingCloseBrace.Title, "{0}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);
    public static readonly DiagnosticDescriptor NoPolicy = new(DiagnosticIds.NoPolicy, DiagnosticDescriptors.NoPolicy.Title, "{0}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);
    public static readonly DiagnosticDescriptor InternalError = new(DiagnosticIds.InternalError, DiagnosticDescriptors.InternalError.Title, "{0}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);
    public static readonly DiagnosticDescriptor UnknownName = new(DiagnosticIds.UnknownName, DiagnosticDescriptors.UnknownName.Title, "{0}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);
    public static readonly DiagnosticDescriptor Duplicate = new(DiagnosticIds.Duplicate, DiagnosticDescriptors.Duplicate.Title, "{0}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);
    public static readonly DiagnosticDescriptor UnitKindMismatch = new(DiagnosticIds.UnitKindMismatch, DiagnosticDescriptors.UnitKindMismatch.Title, "{0}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);
    public static readonly DiagnosticDescriptor UnknownUnit = new(DiagnosticIds.UnknownUnit, DiagnosticDescriptors.UnknownUnit.Title, "{0}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);
    public static readonly DiagnosticDescriptor MissingUnit = new(DiagnosticIds.MissingUnit, DiagnosticDescriptors.MissingUnit.Title, "{0}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);
    public static readonly DiagnosticDescriptor OutOfRange = new(DiagnosticIds.OutOfRange, DiagnosticDescriptors.OutOfRange.Title, "{0}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);
    public static readonly DiagnosticDescriptor MissingRequired = new(DiagnosticIds.MissingRequired, DiagnosticDescriptors.MissingRequired.Title, "{0}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);
    public static readonly DiagnosticDescriptor UnknownTunable = new(DiagnosticIds.UnknownTunable, DiagnosticDescriptors.UnknownTunable.Title, "{0}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);
    public static readonly DiagnosticDescriptor TuneValueKind = new(DiagnosticIds.TuneValueKind, DiagnosticDescriptors.TuneValueKind.Title, "{0}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);
    public static readonly DiagnosticDescriptor WhenWidens = new(DiagnosticIds.WhenWidens, DiagnosticDescriptors.WhenWidens.Title, "{0}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);
    public static readonly DiagnosticDescriptor SwapWithoutStorage = new(DiagnosticIds.SwapWithoutStorage, DiagnosticDescriptors.SwapWithoutStorage.Title, "{0}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);
    public static readonly DiagnosticDescriptor TooFewCandidates = new(DiagnosticIds.TooFewCandidates, DiagnosticDescriptors.TooFewCandidates.Title, "{0}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);
    public static readonly DiagnosticDescriptor DoesNotFitDram = new(DiagnosticIds.DoesNotFitDram, DiagnosticDescriptors.DoesNotFitDram.Title, "{0}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);
    public static readonly DiagnosticDescriptor InvalidRange = new(DiagnosticIds.InvalidRange, DiagnosticDescriptors.InvalidRange.Title, "{0}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);
    public static readonly DiagnosticDescriptor NotWholeNumber = new(DiagnosticIds.NotWholeNumber, DiagnosticDescriptors.NotWholeNumber.Title, "{0}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);
    public static readonly DiagnosticDescriptor UnknownArgument = new(DiagnosticIds.UnknownArgument, DiagnosticDescriptors.UnknownArgument.Title, "{0}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);
    public static readonly DiagnosticDescriptor InvalidClassOrder = new(DiagnosticIds.InvalidClassOrder, DiagnosticDescriptors.InvalidClassOrder.Title, "{0}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);
    public static readonly DiagnosticDescriptor TooManyClasses = new(DiagnosticIds.TooManyClasses, DiagnosticDescriptors.TooManyClasses.Title, "{0}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);
    public static readonly DiagnosticDescriptor StorageTierTooLarge = new(DiagnosticIds.StorageTierTooLarge, DiagnosticDescriptors.StorageTierTooLarge.Title, "{0}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);
    public static readonly DiagnosticDescriptor ProfilingNeverRuns = new(DiagnosticIds.ProfilingNeverRuns, DiagnosticDescriptors.ProfilingNeverRuns.Title, "{0}", Category, DiagnosticSeverity.Warning, isEnabledByDefault: true);
    public static readonly DiagnosticDescriptor TunableWithoutSetting = new(DiagnosticIds.TunableWithoutSetting, DiagnosticDescriptors.TunableWithoutSetting.Title, "{0}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);
    public static readonly DiagnosticDescriptor ReservedName = new(DiagnosticIds.ReservedName, DiagnosticDescriptors.ReservedName.Title, "{0}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);
    public static readonly DiagnosticDescriptor UnknownInit = new(DiagnosticIds.UnknownInit, DiagnosticDescriptors.UnknownInit.Title, "{0}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);
    public static readonly DiagnosticDescriptor UnknownHead = new(DiagnosticIds.UnknownHead, DiagnosticDescriptors.UnknownHead.Title, "{0}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);
    public static readonly DiagnosticDescriptor FixedHeadUnusedClasses = new(DiagnosticIds.FixedHeadUnusedClasses, DiagnosticDescriptors.FixedHeadUnusedClasses.Title, "{0}", Category, DiagnosticSeverity.Warning, isEnabledByDefault: true);
    public static readonly DiagnosticDescriptor BatchDoesNotFitDram = new(DiagnosticIds.BatchDoesNotFitDram, DiagnosticDescriptors.BatchDoesNotFitDram.Title, "{0}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>Every language descriptor, in the catalog's order.</summary>
    public static readonly DiagnosticDescriptor[] All =
    {
        UnexpectedToken, UnterminatedComment, UnterminatedString, UnknownSetting, MissingCloseBrace, NoPolicy,
        InternalError, UnknownName, Duplicate, UnitKindMismatch, UnknownUnit, MissingUnit,
        OutOfRange, MissingRequired, UnknownTunable, TuneValueKind, WhenWidens, SwapWithoutStorage,
        TooFewCandidates, DoesNotFitDram, InvalidRange, NotWholeNumber, UnknownArgument, InvalidClassOrder,
        TooManyClasses, StorageTierTooLarge, ProfilingNeverRuns, TunableWithoutSetting, ReservedName,
        UnknownInit, UnknownHead, FixedHeadUnusedClasses, BatchDoesNotFitDram,
    };
}
