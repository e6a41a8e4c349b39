export * from './lib/appointments.module';
export * from './lib/appointments.entities';
export { AppointmentsService } from './lib/appointments.service';
export { AvailabilityService } from './lib/availability.service';
