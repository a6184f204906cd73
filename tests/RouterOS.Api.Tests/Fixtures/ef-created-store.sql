-- A store as the EF Core build left it (migrations 20261125204629_Initial to 20261205174453_Sessions, then setup,
-- two tokens, a sign-in and a commit), dumped with sqlite3 .dump. The admin's password is Onboarding.AdminPassword.
PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE IF NOT EXISTS "__EFMigrationsLock" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK___EFMigrationsLock" PRIMARY KEY,
    "Timestamp" TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS "__EFMigrationsHistory" (
    "MigrationId" TEXT NOT NULL CONSTRAINT "PK___EFMigrationsHistory" PRIMARY KEY,
    "ProductVersion" TEXT NOT NULL
);
INSERT INTO __EFMigrationsHistory VALUES('20261125204629_Initial','10.0.15');
INSERT INTO __EFMigrationsHistory VALUES('20261125210003_Auth','10.0.15');
INSERT INTO __EFMigrationsHistory VALUES('20261205174453_Sessions','10.0.15');
CREATE TABLE IF NOT EXISTS "Candidates" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Candidates" PRIMARY KEY AUTOINCREMENT,
    "ConfigJson" TEXT NOT NULL,
    "Version" INTEGER NOT NULL,
    "UpdatedAt" TEXT NOT NULL,
    "UpdatedBy" TEXT NOT NULL
);
INSERT INTO Candidates VALUES(1,'{"schemaVersion":1,"system":{"hostname":"lab-router"},"ports":[{"name":"lan0","enabled":true,"description":"veth to ros-lan"},{"name":"wan0","enabled":true,"description":"veth to ros-wan"}],"bridges":[{"name":"br-lan","ports":[{"name":"lan0","vlans":[]}],"stp":false,"vlanFiltering":false,"vlanProtocol":"802.1Q","selfVlans":[],"enabled":true}],"vlans":[],"pppoe":[],"addresses":[{"device":"br-lan","address":"192.168.1.1/24"}],"routes":[],"dhcp":{"clients":[{"device":"wan0","defaultRoute":true,"routeMetric":10,"usePeerDns":true}],"servers":[{"device":"br-lan","rangeStart":"192.168.1.150","rangeEnd":"192.168.1.199","leaseTimeSeconds":43200,"domain":"lab","dnsServers":[],"staticLeases":[{"mac":"02:00:00:00:01:00","address":"192.168.1.100","hostname":"lan-client"}],"enabled":true}]},"dns":{"enabled":true,"upstreamServers":[],"cacheSize":1000,"rebindAllowedDomains":["upstream.test"]},"flowtables":[{"name":"ft","devices":["lan0","wan0"],"counter":true,"hardwareOffload":false}],"offloadPolicy":[{"name":"lan-to-wan","action":"offload","flowtable":"ft","match":{"protocol":"any","inputInterface":"br-lan","outputInterface":"wan0","destinationPorts":[]},"enabled":true}],"firewall":{"zones":[{"name":"lan","interfaces":["br-lan"],"input":"accept","masquerade":false,"mssClamping":false},{"name":"wan","interfaces":["wan0"],"input":"drop","masquerade":true,"mssClamping":true}],"forwardings":[{"from":"lan","to":"wan"}],"inputRules":[]},"shaping":[]}',1,'2026-11-25 12:00:00+00:00','automation');
CREATE TABLE IF NOT EXISTS "Revisions" (
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
INSERT INTO Revisions VALUES(1,'2026-11-25 12:00:00+00:00','automation','token:automation','from the EF build','{"schemaVersion":1,"system":{"hostname":"lab-router"},"ports":[{"name":"lan0","enabled":true,"description":"veth to ros-lan"},{"name":"wan0","enabled":true,"description":"veth to ros-wan"}],"bridges":[{"name":"br-lan","ports":[{"name":"lan0","vlans":[]}],"stp":false,"vlanFiltering":false,"vlanProtocol":"802.1Q","selfVlans":[],"enabled":true}],"vlans":[],"pppoe":[],"addresses":[{"device":"br-lan","address":"192.168.1.1/24"}],"routes":[],"dhcp":{"clients":[{"device":"wan0","defaultRoute":true,"routeMetric":10,"usePeerDns":true}],"servers":[{"device":"br-lan","rangeStart":"192.168.1.150","rangeEnd":"192.168.1.199","leaseTimeSeconds":43200,"domain":"lab","dnsServers":[],"staticLeases":[{"mac":"02:00:00:00:01:00","address":"192.168.1.100","hostname":"lan-client"}],"enabled":true}]},"dns":{"enabled":true,"upstreamServers":[],"cacheSize":1000,"rebindAllowedDomains":["upstream.test"]},"flowtables":[{"name":"ft","devices":["lan0","wan0"],"counter":true,"hardwareOffload":false}],"offloadPolicy":[{"name":"lan-to-wan","action":"offload","flowtable":"ft","match":{"protocol":"any","inputInterface":"br-lan","outputInterface":"wan0","destinationPorts":[]},"enabled":true}],"firewall":{"zones":[{"name":"lan","interfaces":["br-lan"],"input":"accept","masquerade":false,"mssClamping":false},{"name":"wan","interfaces":["wan0"],"input":"drop","masquerade":true,"mssClamping":true}],"forwardings":[{"from":"lan","to":"wan"}],"inputRules":[]},"shaping":[]}',replace('[\n  {\n    "path": "system",\n    "kind": "changed",\n    "fields": [\n      "hostname"\n    ],\n    "before": "{}",\n    "after": "{\"hostname\":\"lab-router\"}"\n  },\n  {\n    "path": "ports[lan0]",\n    "kind": "added",\n    "fields": [],\n    "after": "{\"name\":\"lan0\",\"enabled\":true,\"description\":\"veth to ros-lan\"}"\n  },\n  {\n    "path": "ports[wan0]",\n    "kind": "added",\n    "fields": [],\n    "after": "{\"name\":\"wan0\",\"enabled\":true,\"description\":\"veth to ros-wan\"}"\n  },\n  {\n    "path": "bridges[br-lan]",\n    "kind": "added",\n    "fields": [],\n    "after": "{\"name\":\"br-lan\",\"ports\":[{\"name\":\"lan0\",\"vlans\":[]}],\"stp\":false,\"vlanFiltering\":false,\"vlanProtocol\":\"802.1Q\",\"selfVlans\":[],\"enabled\":true}"\n  },\n  {\n    "path": "addresses[192.168.1.1/24]",\n    "kind": "added",\n    "fields": [],\n    "after": "{\"device\":\"br-lan\",\"address\":\"192.168.1.1/24\"}"\n  },\n  {\n    "path": "dhcp.clients[wan0]",\n    "kind": "added",\n    "fields": [],\n    "after": "{\"device\":\"wan0\",\"defaultRoute\":true,\"routeMetric\":10,\"usePeerDns\":true}"\n  },\n  {\n    "path": "dhcp.servers[br-lan]",\n    "kind": "added",\n    "fields": [],\n    "after": "{\"device\":\"br-lan\",\"rangeStart\":\"192.168.1.150\",\"rangeEnd\":\"192.168.1.199\",\"leaseTimeSeconds\":43200,\"domain\":\"lab\",\"dnsServers\":[],\"staticLeases\":[{\"mac\":\"02:00:00:00:01:00\",\"address\":\"192.168.1.100\",\"hostname\":\"lan-client\"}],\"enabled\":true}"\n  },\n  {\n    "path": "dns",\n    "kind": "changed",\n    "fields": [\n      "rebindAllowedDomains"\n    ],\n    "before": "{\"enabled\":true,\"upstreamServers\":[],\"cacheSize\":1000,\"rebindAllowedDomains\":[]}",\n    "after": "{\"enabled\":true,\"upstreamServers\":[],\"cacheSize\":1000,\"rebindAllowedDomains\":[\"upstream.test\"]}"\n  },\n  {\n    "path": "flowtables[ft]",\n    "kind": "added",\n    "fields": [],\n    "after": "{\"name\":\"ft\",\"devices\":[\"lan0\",\"wan0\"],\"counter\":true,\"hardwareOffload\":false}"\n  },\n  {\n    "path": "offloadPolicy[lan-to-wan]",\n    "kind": "added",\n    "fields": [],\n    "after": "{\"name\":\"lan-to-wan\",\"action\":\"offload\",\"flowtable\":\"ft\",\"match\":{\"protocol\":\"any\",\"inputInterface\":\"br-lan\",\"outputInterface\":\"wan0\",\"destinationPorts\":[]},\"enabled\":true}"\n  },\n  {\n    "path": "firewall.zones[lan]",\n    "kind": "added",\n    "fields": [],\n    "after": "{\"name\":\"lan\",\"interfaces\":[\"br-lan\"],\"input\":\"accept\",\"masquerade\":false,\"mssClamping\":false}"\n  },\n  {\n    "path": "firewall.zones[wan]",\n    "kind": "added",\n    "fields": [],\n    "after": "{\"name\":\"wan\",\"interfaces\":[\"wan0\"],\"input\":\"drop\",\"masquerade\":true,\"mssClamping\":true}"\n  },\n  {\n    "path": "firewall.forwardings[lan->wan]",\n    "kind": "added",\n    "fields": [],\n    "after": "{\"from\":\"lan\",\"to\":\"wan\"}"\n  }\n]','\n',char(10)),'Confirmed',NULL,NULL,'applied');
CREATE TABLE IF NOT EXISTS "Audit" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Audit" PRIMARY KEY AUTOINCREMENT,
    "At" TEXT NOT NULL,
    "Actor" TEXT NOT NULL,
    "Source" TEXT NOT NULL,
    "Method" TEXT NOT NULL,
    "Path" TEXT NOT NULL,
    "Status" INTEGER NOT NULL,
    "RemoteAddress" TEXT NULL
);
INSERT INTO Audit VALUES(1,'2026-11-25 12:00:00+00:00','anonymous','api','POST','/api/v1/setup',201,NULL);
INSERT INTO Audit VALUES(2,'2026-11-25 12:00:00+00:00','admin','ui','POST','/api/v1/auth/login',204,NULL);
INSERT INTO Audit VALUES(3,'2026-11-25 12:00:00+00:00','admin','ui','POST','/api/v1/tokens',201,NULL);
INSERT INTO Audit VALUES(4,'2026-11-25 12:00:00+00:00','admin','ui','POST','/api/v1/tokens',201,NULL);
INSERT INTO Audit VALUES(5,'2026-11-25 12:00:00+00:00','automation','token:automation','PUT','/api/v1/config',200,NULL);
INSERT INTO Audit VALUES(6,'2026-11-25 12:00:00+00:00','automation','token:automation','POST','/api/v1/commit',201,NULL);
CREATE TABLE IF NOT EXISTS "Tokens" (
    "Name" TEXT NOT NULL CONSTRAINT "PK_Tokens" PRIMARY KEY,
    "Hash" TEXT NOT NULL,
    "Scope" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "CreatedBy" TEXT NOT NULL,
    "LastUsedAt" TEXT NULL
, "ExpiresAt" TEXT NULL);
INSERT INTO Tokens VALUES('automation','E602E88E520A53BF7564B547C614C0D19109C339477B9DCF8FB82AD4DE84924F','Write','2026-11-25 12:00:00+00:00','admin','2026-11-25 12:00:00+00:00',NULL);
INSERT INTO Tokens VALUES('monthly','E74DF6C05ECD2423971BE77875965B0C1C1AEBDEF2D785DCB8C73D54435EA086','Read','2026-11-25 12:00:00+00:00','admin',NULL,'2026-12-25 12:00:00+00:00');
CREATE TABLE IF NOT EXISTS "Sessions" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Sessions" PRIMARY KEY,
    "Username" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "LastSeenAt" TEXT NOT NULL,
    "RemoteAddress" TEXT NULL,
    "UserAgent" TEXT NULL
);
INSERT INTO Sessions VALUES('bf2d8190fcf786b827399b0b651f3715','admin','2026-11-25 12:00:00+00:00','2026-11-25 12:00:00+00:00',NULL,'');
CREATE TABLE IF NOT EXISTS "Users" (
    "Username" TEXT NOT NULL CONSTRAINT "PK_Users" PRIMARY KEY,
    "CreatedAt" TEXT NOT NULL,
    "PasswordHash" TEXT NOT NULL
);
INSERT INTO Users VALUES('admin','2026-11-25 12:00:00+00:00','AQAAAAIAAYagAAAAEK2zt9cDy3gSPU/3fdjem9y66b+Aq6o7lX9cYwo9Yt+r/6PZqBsz7U7i9/jGPmyHPA==');
DELETE FROM sqlite_sequence;
INSERT INTO sqlite_sequence VALUES('Audit',6);
INSERT INTO sqlite_sequence VALUES('Candidates',1);
CREATE INDEX "IX_Revisions_State" ON "Revisions" ("State");
CREATE UNIQUE INDEX "IX_Tokens_Hash" ON "Tokens" ("Hash");
CREATE INDEX "IX_Sessions_Username" ON "Sessions" ("Username");
COMMIT;
