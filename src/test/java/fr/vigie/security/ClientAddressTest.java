package fr.vigie.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClientAddressTest {

  @Test
  void blocksContainTheirAddressesOnly() throws Exception {
    ClientAddress.Cidr ten = ClientAddress.Cidr.parse("10.0.0.0/8").orElseThrow();
    assertThat(ten.contains(InetAddress.getByName("10.200.3.4"))).isTrue();
    assertThat(ten.contains(InetAddress.getByName("11.0.0.1"))).isFalse();
    assertThat(ten.contains(InetAddress.getByName("::ffff:10.0.0.1"))).isTrue();
    ClientAddress.Cidr v6 = ClientAddress.Cidr.parse("2001:db8::/32").orElseThrow();
    assertThat(v6.contains(InetAddress.getByName("2001:db8:ffff::1"))).isTrue();
    assertThat(v6.contains(InetAddress.getByName("2001:db9::1"))).isFalse();
    assertThat(v6.contains(InetAddress.getByName("10.0.0.1"))).isFalse();
    ClientAddress.Cidr one = ClientAddress.Cidr.parse("192.0.2.7").orElseThrow();
    assertThat(one.contains(InetAddress.getByName("192.0.2.7"))).isTrue();
    assertThat(one.contains(InetAddress.getByName("192.0.2.8"))).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "localhost",
        "example.org",
        "300.1.1.1",
        "1.2.3",
        "10.0.0.0/33",
        "::/129",
        "",
        "a:b"
      })
  void onlyLiteralsAreRead(String text) {
    assertThat(ClientAddress.Cidr.parse(text)).isEmpty();
  }

  @Test
  void ipv6CountsPerSlash64() throws Exception {
    assertThat(ClientAddress.key(InetAddress.getByName("2001:db8:1:2::5")))
        .isEqualTo(ClientAddress.key(InetAddress.getByName("2001:db8:1:2:ffff::1")))
        .isNotEqualTo(ClientAddress.key(InetAddress.getByName("2001:db8:1:3::5")));
    assertThat(ClientAddress.key(InetAddress.getByName("203.0.113.7"))).isEqualTo("203.0.113.7");
  }
}
