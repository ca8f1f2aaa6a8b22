using System.Globalization;
using System.Text.Json;
using Baton.Core.Accounts;
using Baton.Core.Adjustments;
using Baton.Core.Audit;
using Baton.Core.Ratings;
using Baton.Core.Indicators;
using Baton.Core.Investment;
using Baton.Core.Projects;
using Baton.Core.Planning;
using Baton.Core.Progress;
using Baton.Core.Results;
using Baton.Core.Targets;
using Baton.Core.Units;
using Baton.Core.Warnings;
using Baton.Core.Years;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Baton.Core;

/// <summary>
/// Baton's one database. Every save that changes an audited row also appends to the audit trail
/// in the same transaction (see <see cref="SaveChangesAsync(bool, CancellationToken)"/>).
/// </summary>
public sealed class BatonDbContext(DbContextOptions<BatonDbContext> options, TimeProvider clock)
    : IdentityDbContext<BatonUser>(options), IDataProtectionKeyContext
{
    private readonly List<AuditEntry> _events = [];

    /// <summary>ASP.NET Core Data Protection keys, kept in the database so every node and the CLI protect and read alike.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Unit> Units => Set<Unit>();

    public DbSet<UnitLeader> UnitLeaders => Set<UnitLeader>();

    public DbSet<Person> People => Set<Person>();

    public DbSet<UnitCategory> UnitCategories => Set<UnitCategory>();

    public DbSet<CategoryMembership> CategoryMemberships => Set<CategoryMembership>();

    public DbSet<AppraisalYear> Years => Set<AppraisalYear>();

    public DbSet<YearTransition> YearTransitions => Set<YearTransition>();

    public DbSet<YearWaiver> YearWaivers => Set<YearWaiver>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<AuditHead> AuditHeads => Set<AuditHead>();

    public DbSet<SecuritySettings> SecuritySettings => Set<SecuritySettings>();

    public DbSet<ImportRecord> Imports => Set<ImportRecord>();

    public DbSet<RatingRound> RatingRounds => Set<RatingRound>();

    public DbSet<RatingCriterion> RatingCriteria => Set<RatingCriterion>();

    public DbSet<RatingRoundUnit> RatingRoundUnits => Set<RatingRoundUnit>();

    public DbSet<RatingRater> RatingRaters => Set<RatingRater>();

    public DbSet<RatingAssignment> RatingAssignments => Set<RatingAssignment>();

    public DbSet<RatingConflict> RatingConflicts => Set<RatingConflict>();

    public DbSet<RatingEntry> RatingEntries => Set<RatingEntry>();

    public DbSet<RatingCriterionScore> RatingCriterionScores => Set<RatingCriterionScore>();

    public DbSet<RatingEvent> RatingEvents => Set<RatingEvent>();

    public DbSet<CalibratedScore> CalibratedScores => Set<CalibratedScore>();
    public DbSet<Indicator> Indicators => Set<Indicator>();

    public DbSet<CategorySettings> CategorySettings => Set<CategorySettings>();

    public DbSet<YearSettings> YearSettings => Set<YearSettings>();

    public DbSet<Target> Targets => Set<Target>();

    public DbSet<TargetIssuance> TargetIssuances => Set<TargetIssuance>();

    public DbSet<TargetChangeRequest> TargetChangeRequests => Set<TargetChangeRequest>();
    public DbSet<MonthlyPlan> MonthlyPlans => Set<MonthlyPlan>();

    public DbSet<ProgressReport> ProgressReports => Set<ProgressReport>();

    public DbSet<WarningSettings> WarningSettings => Set<WarningSettings>();

    public DbSet<WarningRecord> WarningRecords => Set<WarningRecord>();

    public DbSet<WarningSighting> WarningSightings => Set<WarningSighting>();

    public DbSet<ProgressEvidence> ProgressEvidence => Set<ProgressEvidence>();

    public DbSet<ProgressSettings> ProgressSettings => Set<ProgressSettings>();

    public DbSet<AdjustmentEvent> AdjustmentEvents => Set<AdjustmentEvent>();

    public DbSet<EvidenceFile> EvidenceFiles => Set<EvidenceFile>();

    public DbSet<KeyProject> KeyProjects => Set<KeyProject>();

    public DbSet<ProjectUnit> ProjectUnits => Set<ProjectUnit>();

    public DbSet<ProjectMilestone> ProjectMilestones => Set<ProjectMilestone>();

    public DbSet<ProjectInvestment> ProjectInvestments => Set<ProjectInvestment>();

    public DbSet<ProjectBottleneck> ProjectBottlenecks => Set<ProjectBottleneck>();

    public DbSet<InvestmentLead> InvestmentLeads => Set<InvestmentLead>();

    public DbSet<LeadStageRecord> LeadStageRecords => Set<LeadStageRecord>();

    public DbSet<SuperiorSupport> SuperiorSupports => Set<SuperiorSupport>();

    public DbSet<ComponentScore> ComponentScores => Set<ComponentScore>();

    public DbSet<ResultSnapshot> ResultSnapshots => Set<ResultSnapshot>();

    public DbSet<SnapshotUnit> SnapshotUnits => Set<SnapshotUnit>();

    public DbSet<SuperiorTarget> SuperiorTargets => Set<SuperiorTarget>();

    public DbSet<SuperiorTargetLink> SuperiorTargetLinks => Set<SuperiorTargetLink>();

    public DbSet<SuperiorTargetShare> SuperiorTargetShares => Set<SuperiorTargetShare>();

    public DbSet<CityStanding> CityStandings => Set<CityStanding>();

    public DbSet<TargetNegotiation> TargetNegotiations => Set<TargetNegotiation>();

    public DbSet<NegotiationStep> NegotiationSteps => Set<NegotiationStep>();

    /// <summary>Who the audit trail names for this context's changes.</summary>
    public string Actor { get; private set; } = CurrentUser.System.UserName;

    public TimeProvider Clock => clock;

    public DateTime UtcNow => clock.GetUtcNow().UtcDateTime;

    /// <summary>Names <paramref name="user"/> as the actor of every change saved through this context.</summary>
    public BatonDbContext ActAs(CurrentUser user)
    {
        Actor = user.UserName;
        return this;
    }

    /// <summary>Appends an event that is not a row change (a sign-in, an export) to the trail at the next save.</summary>
    public void AuditEvent(string action, string entityType, string? entityId, string? details = null, string? address = null)
    {
        _events.Add(new AuditEntry
        {
            Actor = Actor,
            Action = action,
            EntityType = entityType,
            EntityId = entityId,
            After = details,
            Address = address,
            PreviousHash = "",
            Hash = "",
        });
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // Feature folders configure their own entities with IEntityTypeConfiguration<T> classes.
        builder.ApplyConfigurationsFromAssembly(typeof(BatonDbContext).Assembly);

        builder.Entity<IdentityRole>().HasData(Accounts.Roles.All.Select((role, i) => new IdentityRole
        {
            Id = $"role-{role.ToLowerInvariant()}",
            Name = role,
            NormalizedName = role.ToUpperInvariant(),
            ConcurrencyStamp = $"baton-{i + 1}",
        }));

        foreach (var type in builder.Model.GetEntityTypes().Where(t => typeof(Versioned).IsAssignableFrom(t.ClrType)))
        {
            builder.Entity(type.ClrType).Property(nameof(Versioned.Version)).IsConcurrencyToken();
        }
    }

    /// <remarks>Only Data Protection's key ring saves synchronously (its repository has no asynchronous path), and its keys are not audited.</remarks>
    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        ChangeTracker.Entries().Where(e => e.State != EntityState.Unchanged).All(e => e.Entity is DataProtectionKey)
            ? base.SaveChanges(acceptAllChangesOnSuccess)
            : throw new NotSupportedException("Baton saves asynchronously so that the audit trail is written in the same transaction.");

    /// <summary>
    /// Saves the changes and, in the same transaction, one audit entry per changed row (before and
    /// after as JSON) plus any <see cref="AuditEvent"/>s, each chained to the previous entry's hash.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var changes = ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && IsAudited(e.Metadata.ClrType))
            .Select(e => (Entry: e, e.State, Before: e.State == EntityState.Added ? null : ToJson(e, original: true)))
            .ToList();
        foreach (var (entry, state, _) in changes)
        {
            if (state == EntityState.Modified && entry.Entity is Versioned versioned)
            {
                versioned.Version++;
            }
        }
        if (changes.Count == 0 && _events.Count == 0)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        var ownTransaction = Database.CurrentTransaction is null
            ? await Database.BeginTransactionAsync(cancellationToken)
            : null;
        try
        {
            // Locking the head row first serialises chain writers (a row lock on PostgreSQL, the write lock on SQLite).
            await Database.ExecuteSqlRawAsync("UPDATE \"AuditHead\" SET \"Sequence\" = \"Sequence\" WHERE \"Id\" = 1", cancellationToken);
            var head = await AuditHeads.SingleAsync(h => h.Id == 1, cancellationToken);
            await Entry(head).ReloadAsync(cancellationToken);

            var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess: true, cancellationToken);

            var at = AuditChain.Truncate(UtcNow);
            var entries = changes.Select(c => new AuditEntry
            {
                Actor = Actor,
                Action = c.State switch { EntityState.Added => "create", EntityState.Deleted => "delete", _ => "update" },
                EntityType = c.Entry.Metadata.ClrType.Name,
                EntityId = KeyOf(c.Entry),
                Before = c.Before,
                After = c.State == EntityState.Deleted ? null : ToJson(c.Entry, original: false),
                PreviousHash = "",
                Hash = "",
            }).Concat(_events).ToList();
            _events.Clear();
            foreach (var entry in entries)
            {
                entry.At = at;
                entry.Sequence = head.Sequence + 1;
                entry.PreviousHash = head.Hash;
                entry.Hash = AuditChain.Hash(entry);
                head.Sequence = entry.Sequence;
                head.Hash = entry.Hash;
            }
            AuditEntries.AddRange(entries);
            await base.SaveChangesAsync(acceptAllChangesOnSuccess: true, cancellationToken);

            if (ownTransaction is not null)
            {
                await ownTransaction.CommitAsync(cancellationToken);
            }
            return written;
        }
        finally
        {
            if (ownTransaction is not null)
            {
                await ownTransaction.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// Whether changes to rows of <paramref name="type"/> enter the audit trail: every entity but the trail itself,
    /// sign-in tokens, and the warnings history with its sightings (derived from audited data; it is its own record).
    /// </summary>
    public static bool IsAudited(Type type) =>
        type != typeof(AuditEntry) && type != typeof(AuditHead) && type != typeof(IdentityUserToken<string>)
        && type != typeof(WarningRecord) && type != typeof(WarningSighting)
        // Data Protection's keys are secrets: they never enter the audit trail.
        && type != typeof(DataProtectionKey);

    // Secrets never enter the audit trail; the fact that they changed is visible from the entry itself.
    private static readonly HashSet<string> s_secretProperties =
        [nameof(BatonUser.PasswordHash), nameof(BatonUser.SecurityStamp), nameof(BatonUser.ConcurrencyStamp)];

    private static string ToJson(EntityEntry entry, bool original)
    {
        var values = original ? entry.OriginalValues : entry.CurrentValues;
        var map = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in values.Properties)
        {
            if (!s_secretProperties.Contains(property.Name))
            {
                map[property.Name] = values[property] switch
                {
                    DateTime d => d.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture),
                    // Blobs (snapshot inputs) enter the trail as their hash, which is what proves them.
                    byte[] b => "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(b)),
                    var v => v,
                };
            }
        }
        return JsonSerializer.Serialize(map, AuditChain.JsonOptions);
    }

    private static string KeyOf(EntityEntry entry) =>
        string.Join(",", entry.Metadata.FindPrimaryKey()!.Properties.Select(p =>
            Convert.ToString(entry.Property(p.Name).CurrentValue, CultureInfo.InvariantCulture)));
}
