package fr.vigie.notify;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where a webhook may point (issue 16, finding 7): an {@code http(s)} URL without credentials whose
 * host is not this machine or the desk's own network. Loopback, link-local, private (RFC 1918, IPv6
 * unique local), carrier-grade NAT, unspecified, multicast, broadcast and reserved addresses are
 * refused, whatever their spelling ({@code 0x7f000001}, {@code 2130706433}, {@code 0177.1}, {@code
 * [::1]}, {@code [::ffff:127.0.0.1]}, {@code localhost}): when the URL is saved, and again at each
 * delivery on every address the name resolves to, so a name that later points inside is caught.
 * {@code vigie.webhooks.allowed-hosts} (none by default) lists hosts exempted from the address rule
 * — for a test's local receiver, or a receiver deliberately inside the network; it never allows
 * credentials in a URL.
 *
 * <p>Limit: the HTTP client resolves the name again when it connects; a name whose answer changes
 * in between (DNS rebinding with a zero TTL) can still pass. An egress firewall closes that.
 */
@Singleton
public final class WebhookGuard {

  private final Set<String> allowedHosts;

  WebhookGuard(@Nullable @Value("${vigie.webhooks.allowed-hosts:}") List<String> allowedHosts) {
    this.allowedHosts =
        allowedHosts == null
            ? Set.of()
            : allowedHosts.stream()
                .map(h -> h.strip().toLowerCase(Locale.ROOT))
                .filter(h -> !h.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
  }

  /**
   * What is wrong with a webhook URL an administrator saves, or null. A name that does not resolve
   * now is accepted (it is checked again at each delivery); one that resolves inside is refused.
   */
  public String problemOnSave(String url) {
    return problem(url, false);
  }

  /** The same rules at delivery, on every address the name resolves to now; null when it may go. */
  public String problemOnDelivery(String url) {
    return problem(url, true);
  }

  private String problem(String url, boolean mustResolve) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      return "expected an absolute http or https URL";
    }
    if (!uri.isAbsolute()
        || !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
        || uri.getHost() == null) {
      return "expected an absolute http or https URL";
    }
    if (uri.getRawUserInfo() != null || uri.getRawAuthority().contains("@")) {
      return "must not carry credentials: the receiver checks the signature instead";
    }
    String host = uri.getHost().toLowerCase(Locale.ROOT);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    if (allowedHosts.contains(host)) {
      return null;
    }
    if (host.equals("localhost") || host.endsWith(".localhost") || host.endsWith(".")) {
      return "must not point at this machine or the desk's network";
    }
    InetAddress literal = literal(host);
    if (literal != null) {
      return forbidden(literal) ? "must not point at this machine or the desk's network" : null;
    }
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(host);
    } catch (UnknownHostException e) {
      return mustResolve ? "the host name does not resolve" : null;
    }
    return Arrays.stream(addresses).anyMatch(WebhookGuard::forbidden)
        ? "resolves to an address of this machine or the desk's network"
        : null;
  }

  /**
   * The address a host spells as a number, in any form the C resolver accepts ({@code inet_aton}:
   * one to four parts, each decimal, {@code 0x} hexadecimal or {@code 0} octal), or an IPv6
   * literal; null for a name.
   */
  static InetAddress literal(String host) {
    try {
      if (host.indexOf(':') >= 0) {
        return InetAddress.getByName("[" + host + "]");
      }
      String[] parts = host.split("\\.", -1);
      if (parts.length > 4) {
        return null;
      }
      long[] values = new long[parts.length];
      for (int i = 0; i < parts.length; i++) {
        String p = parts[i];
        if (p.matches("0x[0-9a-f]*")) {
          values[i] = p.length() == 2 ? 0 : Long.parseLong(p.substring(2), 16);
        } else if (p.matches("0[0-7]+")) {
          values[i] = Long.parseLong(p, 8);
        } else if (p.matches("[0-9]+")) {
          values[i] = Long.parseLong(p);
        } else {
          return null;
        }
      }
      long address = 0;
      for (int i = 0; i < values.length - 1; i++) {
        if (values[i] > 255) {
          return null;
        }
        address = address << 8 | values[i];
      }
      int lastBits = 8 * (4 - (values.length - 1));
      if (values[values.length - 1] >= 1L << lastBits) {
        return null;
      }
      address = address << lastBits | values[values.length - 1];
      return InetAddress.getByAddress(
          new byte[] {
            (byte) (address >> 24), (byte) (address >> 16), (byte) (address >> 8), (byte) address
          });
    } catch (UnknownHostException | NumberFormatException e) {
      return null;
    }
  }

  /** Loopback, link-local, private, shared, unspecified, multicast or reserved. */
  static boolean forbidden(InetAddress address) {
    if (address.isLoopbackAddress()
        || address.isLinkLocalAddress()
        || address.isSiteLocalAddress()
        || address.isAnyLocalAddress()
        || address.isMulticastAddress()) {
      return true;
    }
    byte[] b = address.getAddress();
    if (address instanceof Inet4Address) {
      int first = b[0] & 0xff;
      int second = b[1] & 0xff;
      return first == 0 // this network
          || (first == 100 && second >= 64 && second < 128) // carrier-grade NAT
          || (first == 192 && second == 0 && (b[2] & 0xff) == 0) // IETF protocol assignments
          || (first == 198 && (second == 18 || second == 19)) // benchmarking
          || first >= 240; // reserved and broadcast
    }
    if (address instanceof Inet6Address v6) {
      if ((b[0] & 0xfe) == 0xfc) {
        return true; // unique local fc00::/7
      }
      if ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0xc0) {
        return true; // deprecated site-local fec0::/10
      }
      boolean embedsV4 =
          v6.isIPv4CompatibleAddress()
              || (b[0] == 0x00 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b);
      if (embedsV4) {
        try {
          return forbidden(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
        } catch (UnknownHostException e) {
          return true;
        }
      }
    }
    return false;
  }
}
