using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace PartnerPortal.Data;

/// <summary>
/// An EF Core compiled query (<see cref="EF.CompileAsyncQuery{TContext,TParam1,TResult}(System.Linq.Expressions.Expression{Func{TContext,TParam1,TResult}})"/>)
/// per model: a compiled query is bound to the model it first runs with, and one process may hold several (the SQLite
/// and PostgreSQL models in the tests). The app has one model, so one compilation.
/// </summary>
public sealed class CompiledQuery<TDelegate>(Func<TDelegate> compile) where TDelegate : Delegate
{
    private readonly ConcurrentDictionary<IModel, TDelegate> _compiled = new();

    public TDelegate For(DbContext db) => _compiled.GetOrAdd(db.Model, _ => compile());
}
