// The session dialogs and Material's dialog, loaded apart from the first download (every page
// pays for the interceptor; only signed-in people ever see these). The clock fetches them right
// after sign-in, so they are there even if the network is not when the session ends.
export { MatDialog } from '@angular/material/dialog';
export { SessionWarning } from './session-warning';
export { SignInAgain } from './sign-in-again';
export { StepUpDialog } from './step-up-dialog';
// The second step's form, for the page after the password (auth-web) as for these dialogs.
export { SecondFactorForm } from './second-factor-form';
