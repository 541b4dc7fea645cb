import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { NotificationItem } from '@shelfcast/contracts';
import { type Observable, map } from 'rxjs';

/** The signed-in user's notification centre (the bell). */
@Injectable({ providedIn: 'root' })
export class NotificationsService {
  private readonly http = inject(HttpClient);

  unreadCount(): Observable<number> {
    return this.http
      .get<{ unread: number }>('/api/notifications/unread-count')
      .pipe(map((r) => r.unread));
  }

  list(limit = 20): Observable<NotificationItem[]> {
    return this.http.get<NotificationItem[]>('/api/notifications', {
      params: { limit: String(limit) },
    });
  }

  markRead(id: number): Observable<void> {
    return this.http.post<void>(`/api/notifications/${id}/read`, {});
  }

  markAllRead(): Observable<number> {
    return this.http
      .post<{ marked: number }>('/api/notifications/read-all', {})
      .pipe(map((r) => r.marked));
  }
}
