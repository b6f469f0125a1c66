package io.mooring.server.account;

import io.mooring.server.testing.OnPostgres;

@OnPostgres
class AccessOnPostgresTest extends AccessTests {}
