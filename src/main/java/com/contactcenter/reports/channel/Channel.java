package com.contactcenter.reports.channel;

import java.time.Instant;

/** A configured channel as the admin API shows it: never its password nor the password's hash. */
public record Channel(String bsp, String channelId, Instant createdAt, Instant updatedAt) {
}
