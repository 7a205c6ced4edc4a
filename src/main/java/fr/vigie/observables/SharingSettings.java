package fr.vigie.observables;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/**
 * Sharing with the community: the CSIRT's name in exports ({@code vigie.sharing.organisation}, env
 * {@code VIGIE_SHARING_ORGANISATION}), the PAP of exports ({@code vigie.sharing.pap}, default
 * AMBER), and the MISP instance pushes go to ({@code VIGIE_MISP_URL}, {@code VIGIE_MISP_KEY}; no
 * push without both).
 */
@Singleton
public final class SharingSettings {

  private final String organisation;
  private final String pap;
  private final URI mispUrl;
  private final String mispKey;
  private final Duration timeout;

  SharingSettings(
      @Value("${vigie.sharing.organisation:CSIRT régional (Vigie)}") String organisation,
      @Value("${vigie.sharing.pap:AMBER}") String pap,
      @Nullable @Value("${vigie.misp.url:}") String mispUrl,
      @Nullable @Value("${vigie.misp.key:}") String mispKey,
      @Value("${vigie.misp.timeout:10s}") Duration timeout) {
    this.organisation = organisation.strip();
    this.pap = pap.strip().toUpperCase(Locale.ROOT);
    if (!java.util.Set.of("CLEAR", "GREEN", "AMBER", "RED").contains(this.pap)) {
      throw new IllegalArgumentException("vigie.sharing.pap must be CLEAR, GREEN, AMBER or RED");
    }
    String url = mispUrl == null ? "" : mispUrl.strip();
    this.mispUrl = url.isEmpty() ? null : URI.create(url.endsWith("/") ? url : url + "/");
    if (this.mispUrl != null
        && !"https".equals(this.mispUrl.getScheme())
        && !"http".equals(this.mispUrl.getScheme())) {
      throw new IllegalArgumentException("vigie.misp.url must be an http(s) URL");
    }
    this.mispKey = mispKey == null || mispKey.isBlank() ? null : mispKey.strip();
    this.timeout = timeout;
  }

  public String organisation() {
    return organisation;
  }

  public String pap() {
    return pap;
  }

  public boolean mispConfigured() {
    return mispUrl != null && mispKey != null;
  }

  public URI mispUrl() {
    return mispUrl;
  }

  public String mispKey() {
    return mispKey;
  }

  public Duration timeout() {
    return timeout;
  }
}
