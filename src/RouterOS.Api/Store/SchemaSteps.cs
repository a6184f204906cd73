namespace RouterOS.Api.Store;

/// <summary>One change to the store's schema, applied once, in order, by <see cref="SchemaMigrations"/>.</summary>
/// <param name="Id">Recorded in the history table once applied; the first three are the EF Core migrations' ids.</param>
internal sealed record SchemaStep(string Id, string Sql);

/// <summary>
/// The schema, step by step. The first three are the SQL the EF Core build's migrations ran (its
/// generated script), so a store made by either build has the same tables, down to the text SQLite
/// keeps of them. A new step goes at the end with a larger id; a step once shipped never changes.
/// </summary>
internal static class SchemaSteps
{
    public static readonly IReadOnlyList<SchemaStep> All =
    [
        new("20261125204629_Initial", """
            CREATE TABLE "Candidates" (
                "Id" INTEGER NOT NULL CONSTRAINT "PK_Candidates" PRIMARY KEY AUTOINCREMENT,
                "ConfigJson" TEXT NOT NULL,
                "Version" INTEGER NOT NULL,
                "UpdatedAt" TEXT NOT NULL,
                "UpdatedBy" TEXT NOT NULL
            );

            CREATE TABLE "Revisions" (
                "Number" INTEGER NOT NULL CONSTRAINT "PK_Revisions" PRIMARY KEY,
                "CreatedAt" TEXT NOT NULL,
                "Author" TEXT NOT NULL,
                "Source" TEXT NOT NULL,
                "Message" TEXT NOT NULL,
                "ConfigJson" TEXT NOT NULL,
                "DiffJson" TEXT NOT NULL,
                "State" TEXT NOT NULL,
                "PreviousNumber" INTEGER NULL,
                "ConfirmDeadline" TEXT NULL,
                "Outcome" TEXT NULL
            );

            CREATE INDEX "IX_Revisions_State" ON "Revisions" ("State");
            """),
        new("20261125210003_Auth", """
            CREATE TABLE "Audit" (
                "Id" INTEGER NOT NULL CONSTRAINT "PK_Audit" PRIMARY KEY AUTOINCREMENT,
                "At" TEXT NOT NULL,
                "Actor" TEXT NOT NULL,
                "Source" TEXT NOT NULL,
                "Method" TEXT NOT NULL,
                "Path" TEXT NOT NULL,
                "Status" INTEGER NOT NULL,
                "RemoteAddress" TEXT NULL
            );

            CREATE TABLE "Tokens" (
                "Name" TEXT NOT NULL CONSTRAINT "PK_Tokens" PRIMARY KEY,
                "Hash" TEXT NOT NULL,
                "Scope" TEXT NOT NULL,
                "CreatedAt" TEXT NOT NULL,
                "CreatedBy" TEXT NOT NULL,
                "LastUsedAt" TEXT NULL
            );

            CREATE TABLE "Users" (
                "Username" TEXT NOT NULL CONSTRAINT "PK_Users" PRIMARY KEY,
                "PasswordHash" TEXT NOT NULL,
                "CreatedAt" TEXT NOT NULL,
                "FailedLogins" INTEGER NOT NULL,
                "LockedUntil" TEXT NULL
            );

            CREATE UNIQUE INDEX "IX_Tokens_Hash" ON "Tokens" ("Hash");
            """),
        // EF Core drops a column by rebuilding the table. Its script turned foreign keys off around the
        // DROP TABLE; no table has any, so the whole step runs in one transaction here.
        new("20261205174453_Sessions", """
            ALTER TABLE "Tokens" ADD "ExpiresAt" TEXT NULL;

            CREATE TABLE "Sessions" (
                "Id" TEXT NOT NULL CONSTRAINT "PK_Sessions" PRIMARY KEY,
                "Username" TEXT NOT NULL,
                "CreatedAt" TEXT NOT NULL,
                "LastSeenAt" TEXT NOT NULL,
                "RemoteAddress" TEXT NULL,
                "UserAgent" TEXT NULL
            );

            CREATE INDEX "IX_Sessions_Username" ON "Sessions" ("Username");

            CREATE TABLE "ef_temp_Users" (
                "Username" TEXT NOT NULL CONSTRAINT "PK_Users" PRIMARY KEY,
                "CreatedAt" TEXT NOT NULL,
                "PasswordHash" TEXT NOT NULL
            );

            INSERT INTO "ef_temp_Users" ("Username", "CreatedAt", "PasswordHash")
            SELECT "Username", "CreatedAt", "PasswordHash"
            FROM "Users";

            DROP TABLE "Users";

            ALTER TABLE "ef_temp_Users" RENAME TO "Users";
            """),
        // The words of an action its path cannot tell (the revision a commit made), set by the endpoint.
        new("20261207110000_AuditWords", """
            ALTER TABLE "Audit" ADD "Words" TEXT NULL;
            """),
    ];
}
