<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.core.models.timm_models</name>
    <message>
      <location filename="cnnviz/core/models/timm_models.py" />
      <source>timm has no configuration for timm/{name}</source>
      <translation>timm 没有 timm/{name} 的配置</translation>
    </message>
    <message>
      <location filename="cnnviz/core/models/timm_models.py" />
      <source>timm/{arch} has no pretrained weights in timm; use --weights none or a file</source>
      <translation>timm/{arch} 在 timm 中没有预训练权重；请用 --weights none 或一个权重文件</translation>
    </message>
    <message>
      <location filename="cnnviz/core/models/timm_models.py" />
      <source>the weights downloaded for {name} are unusable: {reason}</source>
      <translation>为 {name} 下载的权重无法使用：{reason}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/models/timm_models.py" />
      <source>the cached weights for {name} are unusable ({reason}); delete {path} to download them again</source>
      <translation>{name} 的缓存权重无法使用（{reason}）；删除 {path} 即可重新下载</translation>
    </message>
    <message>
      <location filename="cnnviz/core/models/timm_models.py" />
      <source>the pretrained weights of {name} do not fit timm's {full}: {reason}</source>
      <translation>{name} 的预训练权重与 timm 的 {full} 不匹配：{reason}</translation>
    </message>
  </context>
</TS>
