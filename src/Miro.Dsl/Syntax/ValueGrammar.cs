using System.Collections.Generic;
using System.Linq;
using Sprache;

namespace Miro.Dsl.Syntax;

/// <summary>The value productions shared by every section: quantities, lists, sets, ranges, calls.</summary>
internal static class ValueGrammar
{
    /// <summary>Builds a syntax node's span from its first and last parts.</summary>
    internal static Text.TextSpan Cover(SyntaxNode first, SyntaxNode? last) => last is null ? first.Span : first.Span.Cover(last.Span);

    /// <summary><c>number unit?</c></summary>
    public static readonly Parser<QuantitySyntax> Quantity =
        (from number in Lexical.Number
         from unit in Lexical.Unit
         select new QuantitySyntax(number, unit, Cover(number, unit))).Named("a number");

    /// <summary>A quantity, described for error messages (e.g. "a size such as 4 GiB").</summary>
    public static Parser<QuantitySyntax> QuantityOf(string description) => Quantity.Named(description);

    private static readonly Parser<WordSyntax> Comma = Lexical.Symbol(",");

    private static Parser<ValueSyntax> RangeTail(WordSyntax open, QuantitySyntax start) =>
        from dots in Lexical.Symbol("..")
        from to in QuantityOf("the end of the range")
        from step in (from keyword in Lexical.Keyword("step") from size in QuantityOf("a step size") select size).XOptional()
        from close in Lexical.Symbol("]")
        select (ValueSyntax)new RangeSyntax(start, to, step.GetOrDefault(), open.Span.Cover(close.Span));

    private static Parser<ValueSyntax> ListTail(WordSyntax open, QuantitySyntax first) =>
        from rest in (from comma in Comma from item in QuantityOf("a number after ','") select item).XMany()
        from close in Lexical.Symbol("]").Named("',' or ']'")
        select (ValueSyntax)new ListSyntax(new[] { first }.Concat(rest).ToList(), open.Span.Cover(close.Span));

    /// <summary><c>[a, b, c]</c> or <c>[a .. b step s]</c>; <c>[]</c> is an empty list.</summary>
    public static readonly Parser<ValueSyntax> ListOrRange =
        from open in Lexical.Symbol("[")
        from value in
            (from first in Quantity
             from tail in RangeTail(open, first).Or(ListTail(open, first))
             select tail)
            .Or(from close in Lexical.Symbol("]") select (ValueSyntax)new ListSyntax(new List<QuantitySyntax>(), open.Span.Cover(close.Span)))
        select value;

    /// <summary><c>{a, b, c}</c></summary>
    public static readonly Parser<SetSyntax> Set =
        from open in Lexical.Symbol("{")
        from items in QuantityOf("a value").XDelimitedBy(Comma)
        from close in Lexical.Symbol("}").Named("',' or '}'")
        select new SetSyntax(items.ToList(), open.Span.Cover(close.Span));

    /// <summary>Candidate values of a tunable: a set or a range.</summary>
    public static readonly Parser<ValueSyntax> Candidates =
        Set.Select(s => (ValueSyntax)s).Or(ListOrRange).Named("a set {a, b} or a range [a .. b step s]");

    private static readonly Parser<ArgumentSyntax> Argument =
        from name in Lexical.Identifier.Named("an argument name")
        from colon in Lexical.Symbol(":")
        from value in ListOrRange.Or(Quantity.Select(q => (ValueSyntax)q)).Or(Lexical.Identifier.Select(w => (ValueSyntax)w))
            .Named("an argument value such as 0.01, [100, 100] or xavier")
        select new ArgumentSyntax(name, value, name.Span.Cover(value.Span));

    private static readonly Parser<(List<ArgumentSyntax> Arguments, WordSyntax Close)> ArgumentList =
        from open in Lexical.Symbol("(")
        from arguments in Argument.XDelimitedBy(Comma).XOptional()
        from close in Lexical.Symbol(")").Named("',' or ')'")
        select (arguments.GetOrElse(Enumerable.Empty<ArgumentSyntax>()).ToList(), close);

    /// <summary><c>name</c> or <c>name(arg: value, ...)</c></summary>
    public static readonly Parser<ValueSyntax> NameOrCall =
        from name in Lexical.Identifier
        from arguments in ArgumentList.XOptional()
        select arguments.IsDefined
            ? new CallSyntax(name, arguments.Get().Arguments, name.Span.Cover(arguments.Get().Close.Span))
            : (ValueSyntax)name;

    /// <summary>A name or a two-word phrase joined by <c>per</c>: <c>accuracy per joule</c>.</summary>
    public static readonly Parser<WordSyntax> Phrase =
        from first in Lexical.Identifier
        from rest in (from per in Lexical.Keyword("per") from second in Lexical.Identifier.Named("a name after 'per'") select second).XOptional()
        select rest.IsDefined ? new WordSyntax(first.Text + " per " + rest.Get().Text, first.Span.Cover(rest.Get().Span)) : first;

    /// <summary><c>resource op threshold</c>: <c>dram.available &lt; 1 GiB</c>.</summary>
    public static readonly Parser<ConditionSyntax> Condition =
        from resource in Lexical.Path.Named("a resource (dram.available, storage.free or battery.level)")
        from op in Lexical.ComparisonOperator
        from threshold in QuantityOf("a threshold such as 1 GiB or 20%")
        select new ConditionSyntax(resource, op, threshold, resource.Span.Cover(threshold.Span));
}
