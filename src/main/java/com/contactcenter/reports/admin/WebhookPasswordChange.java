package com.contactcenter.reports.admin;

/** The wire shape of {@code PUT /admin/channels/{bsp}/{channelId}}: {@code {"webhookPassword": "..."}}. */
public record WebhookPasswordChange(String webhookPassword) {
}
