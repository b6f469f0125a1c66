package io.mooring.server.landscape.formation;

import io.mooring.server.testing.OnPostgres;

@OnPostgres
class NotificationDeliveryOnPostgresTest extends NotificationDeliveryTests {}
