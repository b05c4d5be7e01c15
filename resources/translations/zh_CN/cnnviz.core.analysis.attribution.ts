<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.core.analysis.attribution</name>
    <message>
      <location filename="cnnviz/core/analysis/attribution.py" />
      <source>no map for '{key}'; the maps are: {maps}</source>
      <translation>没有 '{key}' 的归因图；现有的归因图是：{maps}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/attribution.py" />
      <source>unknown attribution method '{name}'; choose one of: {methods}</source>
      <translation>未知的归因方法 '{name}'；请从以下方法中选择：{methods}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/attribution.py" />
      <source>{method} needs a convolutional layer (Grad-CAM needs one) and this model has none; the pixel-space methods work: {methods}</source>
      <translation>{method} 需要卷积层（Grad-CAM 需要卷积层），而此模型没有；像素空间的方法可以使用：{methods}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/attribution.py" />
      <source>{shown} ... and {n} more</source>
      <translation>{shown} …… 以及另外 {n} 个</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/attribution.py" />
      <source>unknown layer '{name}'. Did you mean {close}? A layer is 'all' or a module path (cnnviz summary lists them); the convolutions are: {shown}</source>
      <translation>未知的层 '{name}'。你是不是想用 {close}？层可以是 'all' 或一个模块路径（cnnviz summary 会列出它们）；卷积层有：{shown}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/attribution.py" />
      <source>unknown layer '{name}'. A layer is 'all' or a module path (cnnviz summary lists them); the convolutions are: {shown}</source>
      <translation>未知的层 '{name}'。层可以是 'all' 或一个模块路径（cnnviz summary 会列出它们）；卷积层有：{shown}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/attribution.py" />
      <source>no convolutional layer of the model gives a spatial map for this input</source>
      <translation>对于这个输入，模型中没有哪个卷积层能给出空间图</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/attribution.py" />
      <source>no layer given for {method}; give a module path or 'all'</source>
      <translation>没有为 {method} 指定层；请给出一个模块路径或 'all'</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/attribution.py" />
      <source>attribution needs gradients: call it outside torch.inference_mode()</source>
      <translation>归因需要梯度：请在 torch.inference_mode() 之外调用</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/attribution.py" />
      <source>{method} needs to see the model's layers, and a TorchScript model runs its own compiled code; these methods work on it: {methods}</source>
      <translation>{method} 需要看到模型的各层，而 TorchScript 模型运行的是自己编译好的代码；以下方法可以用于它：{methods}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/attribution.py" />
      <source>give layer or layers, not both</source>
      <translation>请给出 layer 或 layers，不要同时给出</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/attribution.py" />
      <source>{method} works on the input's pixels and takes no layer; the layer methods are: {methods}</source>
      <translation>{method} 作用于输入图像的像素，不接受层参数；针对层的方法有：{methods}</translation>
    </message>
  </context>
</TS>
