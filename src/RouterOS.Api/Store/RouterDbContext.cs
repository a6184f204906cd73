using Microsoft.EntityFrameworkCore;

namespace RouterOS.Api.Store;

/// <summary>The API's SQLite store: the candidate configuration and the revisions.</summary>
public sealed class RouterDbContext(DbContextOptions<RouterDbContext> options) : DbContext(options)
{
    public DbSet<CandidateRow> Candidates => Set<CandidateRow>();

    public DbSet<RevisionRow> Revisions => Set<RevisionRow>();

    public DbSet<UserRow> Users => Set<UserRow>();

    public DbSet<ApiTokenRow> Tokens => Set<ApiTokenRow>();

    public DbSet<SessionRow> Sessions => Set<SessionRow>();

    public DbSet<AuditRow> Audit => Set<AuditRow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<CandidateRow>(candidate =>
        {
            candidate.HasKey(c => c.Id);
            candidate.Property(c => c.Version).IsConcurrencyToken();
        });
        modelBuilder.Entity<RevisionRow>(revision =>
        {
            revision.HasKey(r => r.Number);
            revision.Property(r => r.Number).ValueGeneratedNever();
            revision.Property(r => r.State).HasConversion<string>();
            revision.HasIndex(r => r.State);
        });
        modelBuilder.Entity<UserRow>().HasKey(u => u.Username);
        modelBuilder.Entity<ApiTokenRow>(token =>
        {
            token.HasKey(t => t.Name);
            token.HasIndex(t => t.Hash).IsUnique();
            token.Property(t => t.Scope).HasConversion<string>();
        });
        modelBuilder.Entity<SessionRow>(session =>
        {
            session.HasKey(s => s.Id);
            session.HasIndex(s => s.Username);
        });
        modelBuilder.Entity<AuditRow>().HasKey(a => a.Id);
    }
}
