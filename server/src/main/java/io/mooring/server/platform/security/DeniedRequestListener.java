package io.mooring.server.platform.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/** Told of every request that Mooring refuses for lack of authentication or authorization. */
public interface DeniedRequestListener {
    void denied(HttpServletRequest request, Optional<Caller> caller, String reason);
}
