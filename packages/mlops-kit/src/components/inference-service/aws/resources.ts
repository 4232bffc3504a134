import type { Certificate } from "@pulumi/aws/acm/certificate";
import type { CertificateValidation } from "@pulumi/aws/acm/certificateValidation";
import type { Group } from "@pulumi/aws/autoscaling/group";
import type { Policy } from "@pulumi/aws/autoscaling/policy";
import type { LogGroup } from "@pulumi/aws/cloudwatch/logGroup";
import type { LaunchTemplate } from "@pulumi/aws/ec2/launchTemplate";
import type { SecurityGroup } from "@pulumi/aws/ec2/securityGroup";
import type { InstanceProfile } from "@pulumi/aws/iam/instanceProfile";
import type { Role } from "@pulumi/aws/iam/role";
import type { RolePolicyAttachment } from "@pulumi/aws/iam/rolePolicyAttachment";
import type { Key } from "@pulumi/aws/kms/key";
import type { Listener } from "@pulumi/aws/lb/listener";
import type { LoadBalancer } from "@pulumi/aws/lb/loadBalancer";
import type { TargetGroup } from "@pulumi/aws/lb/targetGroup";
import type { Record as DnsRecord } from "@pulumi/aws/route53/record";
import type { Bucket } from "@pulumi/aws/s3/bucket";
import type { BucketLifecycleConfiguration } from "@pulumi/aws/s3/bucketLifecycleConfiguration";
import type { BucketOwnershipControls } from "@pulumi/aws/s3/bucketOwnershipControls";
import type { BucketPolicy } from "@pulumi/aws/s3/bucketPolicy";
import type { BucketPublicAccessBlock } from "@pulumi/aws/s3/bucketPublicAccessBlock";
import type { BucketServerSideEncryptionConfiguration } from "@pulumi/aws/s3/bucketServerSideEncryptionConfiguration";
import type { BucketVersioning } from "@pulumi/aws/s3/bucketVersioning";
import type { IpSet } from "@pulumi/aws/wafv2/ipSet";
import type { WebAcl } from "@pulumi/aws/wafv2/webAcl";
import type { WebAclAssociation } from "@pulumi/aws/wafv2/webAclAssociation";
import type * as pulumi from "@pulumi/pulumi";

/** The AWS resources of an InferenceService. */
export interface AwsInferenceService {
  /** Encrypts the instances' volumes and the container log group; rotates yearly. */
  key: Key;
  /** The container's stdout/stderr, one stream per instance. */
  logGroup: LogGroup;
  instanceRole: Role;
  instanceProfile: InstanceProfile;
  /** The registry's reader policy on the instance role, when the service has a `registry`. */
  registryRead?: RolePolicyAttachment;
  instanceSecurityGroup: SecurityGroup;
  loadBalancerSecurityGroup: SecurityGroup;
  launchTemplate: LaunchTemplate;
  autoScalingGroup: Group;
  loadBalancer: LoadBalancer;
  targetGroup: TargetGroup;
  /** `https` on 443 unless TLS is off; `http` on 80 redirects to it, or serves directly when TLS is off. */
  listeners: { https?: Listener; http?: Listener };
  /**
   * The ACM certificate for `loadBalancer.tls.domain`. It is issued only once the CNAME records in
   * `certificateValidationRecords` exist in the domain's DNS, which this component creates only
   * when `aws.hostedZoneId` names its Route 53 zone.
   */
  certificate?: Certificate;
  /** The DNS records that prove ownership of the domain to ACM: create them where the domain is hosted. */
  certificateValidationRecords?: pulumi.Output<{ name: string; type: string; value: string }[]>;
  /** The load balancer's access logs; absent when they are off. */
  accessLogs?: {
    bucket: Bucket;
    publicAccessBlock: BucketPublicAccessBlock;
    ownershipControls: BucketOwnershipControls;
    encryption: BucketServerSideEncryptionConfiguration;
    versioning: BucketVersioning;
    lifecycle: BucketLifecycleConfiguration;
    policy: BucketPolicy;
  };
  /** CPU target tracking (not with a GPU) and requests per instance (when set, and by default with a GPU). */
  scalingPolicies: { cpu?: Policy; requests?: Policy };
  /** The web ACL on the load balancer (`loadBalancer.waf`), and the allow-list's IP set when it holds it. */
  waf?: { webAcl: WebAcl; association: WebAclAssociation; ipSet?: IpSet };
  /** Route 53 records in `aws.hostedZoneId`: the certificate's validation and the domain's alias. */
  dns?: { validationRecord?: DnsRecord; validation?: CertificateValidation; alias?: DnsRecord };
}

declare module "../contract" {
  /** Types the `.aws` escape hatch for programs that import `mlops-kit/aws`. */
  interface InferenceServiceCloudResources {
    aws: AwsInferenceService;
  }
}
