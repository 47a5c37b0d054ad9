package dev.newsroom.comments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class ReaderAddressTest {

    @Test
    void anIpv4AddressIsItsOwnNetwork() {
        assertEquals("198.51.100.7", ReaderAddress.network("198.51.100.7"));
        assertEquals("198.51.100.7", ReaderAddress.network("::ffff:198.51.100.7"), "an IPv4 address written as IPv6");
    }

    /** A reader on IPv6 may take a new address in their /64 for every post: rate limits and bans count the /64 (J14). */
    @Test
    void anIpv6AddressCountsAsItsSlash64() {
        assertEquals(ReaderAddress.network("2001:db8:1:2::1"), ReaderAddress.network("2001:0db8:0001:0002:ffff:eeee:dddd:cccc"));
        assertNotEquals(ReaderAddress.network("2001:db8:1:2::1"), ReaderAddress.network("2001:db8:1:3::1"));
        assertEquals("20010db800010002::/64", ReaderAddress.network("2001:db8:1:2::1"));
    }
}
