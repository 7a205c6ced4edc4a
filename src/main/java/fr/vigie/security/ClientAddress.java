package fr.vigie.security;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Who is calling, as far as rate limits and the intake's client hash are concerned: the direct
 * peer, unless the peer is one of {@code vigie.rate-limit.trusted-proxies} (addresses or CIDR
 * blocks of the load balancer); then the right-most address of {@code
 * vigie.rate-limit.client-address-header} (default {@code X-Forwarded-For}) that is not itself a
 * trusted proxy. A client talking to Vigie directly cannot choose its address by sending the
 * header. Only IP literals are read, never resolved.
 */
@Singleton
public final class ClientAddress {

  private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})(\\.\\d{1,3}){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

  private final List<Cidr> trusted;
  private final String header;

  ClientAddress(
      @Value("${vigie.rate-limit.trusted-proxies:}") List<String> trustedProxies,
      @Value("${vigie.rate-limit.client-address-header:X-Forwarded-For}") String header) {
    List<Cidr> blocks = new ArrayList<>();
    for (String entry : trustedProxies) {
      if (!entry.isBlank()) {
        blocks.add(
            Cidr.parse(entry.strip())
                .orElseThrow(
                    () ->
                        new IllegalStateException(
                            "vigie.rate-limit.trusted-proxies: not an address or CIDR: " + entry)));
      }
    }
    this.trusted = List.copyOf(blocks);
    this.header = header;
  }

  /** The client's address; the peer's when no trusted proxy stands between. */
  public InetAddress of(HttpRequest<?> request) {
    InetAddress peer = request.getRemoteAddress().getAddress();
    if (trusted.isEmpty() || !isTrusted(peer)) {
      return peer;
    }
    List<String> values = request.getHeaders().getAll(header);
    List<String> hops = new ArrayList<>();
    for (String value : values) {
      for (String hop : value.split(",", 64)) {
        hops.add(hop.strip());
      }
    }
    InetAddress client = peer;
    for (int i = hops.size() - 1; i >= 0; i--) {
      InetAddress hop = literal(hops.get(i));
      if (hop == null) {
        break;
      }
      client = hop;
      if (!isTrusted(hop)) {
        break;
      }
    }
    return client;
  }

  /**
   * The key a limit counts under: the address, or its /64 for IPv6 (one subscriber usually holds a
   * whole /64, and would otherwise get a fresh bucket per address).
   */
  public static String key(InetAddress address) {
    byte[] bytes = address.getAddress();
    if (bytes.length == 16) {
      StringBuilder prefix = new StringBuilder("v6:");
      for (int i = 0; i < 8; i++) {
        prefix.append(String.format("%02x", bytes[i]));
      }
      return prefix.toString();
    }
    return address.getHostAddress();
  }

  private boolean isTrusted(InetAddress address) {
    for (Cidr block : trusted) {
      if (block.contains(address)) {
        return true;
      }
    }
    return false;
  }

  static InetAddress literal(String text) {
    boolean v4 = IPV4.matcher(text).matches();
    if (!v4 && !(IPV6.matcher(text).matches() && text.indexOf(':') >= 0)) {
      return null;
    }
    if (v4) {
      for (String part : text.split("\\.")) {
        if (Integer.parseInt(part) > 255) {
          return null;
        }
      }
    }
    try {
      // A literal: no name lookup happens.
      return InetAddress.getByName(text);
    } catch (UnknownHostException | RuntimeException e) {
      return null;
    }
  }

  /** An address block, e.g. {@code 10.0.0.0/8} or {@code 2001:db8::/32}, or one address. */
  record Cidr(byte[] network, int bits) {

    static java.util.Optional<Cidr> parse(String text) {
      int slash = text.indexOf('/');
      InetAddress address = literal(slash < 0 ? text : text.substring(0, slash));
      if (address == null) {
        return java.util.Optional.empty();
      }
      int max = address.getAddress().length * 8;
      int bits = max;
      if (slash >= 0) {
        try {
          bits = Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
          return java.util.Optional.empty();
        }
      }
      return bits < 0 || bits > max
          ? java.util.Optional.empty()
          : java.util.Optional.of(new Cidr(address.getAddress(), bits));
    }

    boolean contains(InetAddress address) {
      byte[] bytes = address.getAddress();
      if (bytes.length != network.length) {
        return false;
      }
      for (int i = 0; i < bits; i++) {
        int mask = 0x80 >> (i % 8);
        if ((bytes[i / 8] & mask) != (network[i / 8] & mask)) {
          return false;
        }
      }
      return true;
    }
  }
}
