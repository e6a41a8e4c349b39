import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { queryParams } from '@mend/shared/web';
import { firstValueFrom } from 'rxjs';
import type {
  Audience,
  ExerciseDetail,
  ExercisePage,
  SaveExerciseRequest,
  Stage,
} from '@mend/shared/contracts';

export type ExerciseStatusFilter = 'active' | 'archived' | 'all';

export interface ExercisesQuery {
  stage?: Stage;
  audience?: Audience;
  q?: string;
  /** The server's default is `active`. */
  status?: ExerciseStatusFilter;
  /** Only the caller's own exercises. */
  mine?: boolean;
  /** 1-based. */
  page?: number;
  pageSize?: number;
}

/** The clinic's exercise library (counselors only): the built-ins plus the clinic's own. */
@Injectable({ providedIn: 'root' })
export class ExercisesApi {
  private readonly http = inject(HttpClient);

  list(query: ExercisesQuery = {}): Promise<ExercisePage> {
    return firstValueFrom(
      this.http.get<ExercisePage>('/api/exercises', { params: queryParams(query) }),
    );
  }

  /** The current version. */
  get(id: string): Promise<ExerciseDetail> {
    return firstValueFrom(this.http.get<ExerciseDetail>(`/api/exercises/${id}`));
  }

  /** An earlier (or the current) version. */
  getVersion(id: string, version: number): Promise<ExerciseDetail> {
    return firstValueFrom(
      this.http.get<ExerciseDetail>(`/api/exercises/${id}/versions/${version}`),
    );
  }

  create(request: SaveExerciseRequest): Promise<ExerciseDetail> {
    return firstValueFrom(this.http.post<ExerciseDetail>('/api/exercises', request));
  }

  /** A new exercise owned by the caller, based on this one. */
  copy(id: string): Promise<ExerciseDetail> {
    return firstValueFrom(this.http.post<ExerciseDetail>(`/api/exercises/${id}/copy`, {}));
  }

  /** Saves a new version; 409 when `request.version` is no longer the current one. */
  update(id: string, request: SaveExerciseRequest): Promise<ExerciseDetail> {
    return firstValueFrom(this.http.put<ExerciseDetail>(`/api/exercises/${id}`, request));
  }

  archive(id: string): Promise<ExerciseDetail> {
    return firstValueFrom(this.http.post<ExerciseDetail>(`/api/exercises/${id}/archive`, {}));
  }

  restore(id: string): Promise<ExerciseDetail> {
    return firstValueFrom(this.http.post<ExerciseDetail>(`/api/exercises/${id}/restore`, {}));
  }
}
