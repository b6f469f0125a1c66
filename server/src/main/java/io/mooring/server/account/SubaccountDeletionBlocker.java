package io.mooring.server.account;

import java.util.List;
import java.util.UUID;

/** Something a subaccount holds that keeps it from being deleted, such as its service instances. */
public interface SubaccountDeletionBlocker {
    /** Human-readable names of what the subaccount still holds, e.g. {@code service instance 'dest'}. */
    List<String> blockersOf(UUID subaccountId);
}
